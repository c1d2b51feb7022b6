import Testing
@testable import PIIMask

/// `RuleDraft.test`: a draft rule file compiled on top of the rules in effect, its examples
/// run, applied to a sample, never installed.
@Suite struct RuleDraftTests {
    static let draft = """
        version: 1
        rules:
          - id: order.number
            type: order
            priority: 50
            pattern: 'ORD-[0-9]{8}'
            mask: {label: "[ORDER]"}
            examples:
              match: ["order ORD-12345678 shipped"]
              no_match: ["ORD-1234"]
              masked: [["ORD-12345678", "[ORDER]"], ["ORD-87654321", "ORD-87654321"]]
        fields:
          - {id: message.text, detect_add: [order]}
        """

    @Test func theDraftsExamplesRunAndItAppliesToTheSample() {
        let result = RuleDraft.test(Self.draft, over: [], sample: "ORD-11112222 for +447966197542")
        #expect(result.isValid && result.isComplete)
        #expect(result.ruleIDs == ["order.number"] && result.fieldIDs == ["message.text"])
        #expect(result.examples.map(\.passed) == [true, true, true, false])
        // The failing masked example reports what masking gave, and where the rule is.
        #expect(result.examples[3].got == "[ORDER]" && result.examples[3].source.description == "draft.yaml:3")
        #expect(result.sample?.text == "[ORDER] for *********7542")
        #expect(result.sample?.findings.map(\.ruleID) == ["order.number", "phone.international"])
    }

    @Test func aBrokenDraftNamesItsLineAndIsNotLoaded() {
        let broken = "version: 1\nrules:\n  - id: broken\n    type: order\n    pattern: '([0-9]'\n    mask: {label: \"[X]\"}\n"
            + "fields:\n  - {id: message.text, detect_add: [order]}\n"
        let result = RuleDraft.test(broken, over: [], sample: "ORD 1")
        #expect(!result.isValid && result.sample == nil && result.examples.isEmpty)
        #expect(result.errors.first?.file == "draft.yaml" && result.errors.first?.line == 3
                && result.errors.first?.ruleID == "broken", "\(result.errors)")
        // The same checks as a loaded file: a type no category detects is refused.
        let undetected = RuleDraft.test("version: 1\nrules:\n  - id: lonely\n    type: lonely\n    pattern: 'x[0-9]'\n    mask: {label: \"[X]\"}\n",
                                        over: [])
        #expect(undetected.errors.first?.problem.contains("detected by no field category") == true)
    }

    @Test func theExamplesStopWhenTheTimeBudgetIsSpent() {
        let result = RuleDraft.test(Self.draft, over: [], sample: nil, timeBudget: .zero)
        #expect(result.isValid && !result.isComplete && result.examples.isEmpty)
    }
}
