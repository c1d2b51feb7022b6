import Testing
@testable import PIIMask

@Suite struct RuleExampleTests {
    @Test func everyBuiltinRuleExampleHolds() throws {
        let masker = try Masker()
        #expect(masker.ruleExampleCount > 100)
        let failures = masker.testRuleExamples()
        for failure in failures { Issue.record("\(failure)") }
    }
}
