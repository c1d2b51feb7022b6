/// A rule example that did not hold.
public struct RuleExampleFailure: Sendable, CustomStringConvertible {
    /// What kind of example failed.
    public enum Kind: String, Sendable {
        /// A `match` example in which the rule found nothing.
        case match
        /// A `no_match` example in which the rule found something.
        case noMatch = "no_match"
        /// A `masked` example whose output differed.
        case masked
    }

    /// The rule's id.
    public let ruleID: String
    /// Where the failing example's list was set (the rule's definition when unknown).
    public let source: RuleSource
    /// What kind of example failed.
    public let kind: Kind
    /// The example's text (from the rule file, never from input).
    public let example: String
    /// What the rule produced instead.
    public let actual: String

    /// `file:line: rule ID: kind example "…": got "…"`.
    public var description: String {
        "\(source): rule \(ruleID): \(kind.rawValue) example \"\(example)\": got \"\(actual)\""
    }
}

extension Masker {
    /// The number of examples the enabled rules carry.
    public var ruleExampleCount: Int {
        rules.reduce(0) {
            $0 + $1.definition.examples.match.count + $1.definition.examples.noMatch.count
                + $1.definition.examples.masked.count
        }
    }

    /// Runs every enabled rule's examples, each rule alone, and returns those that fail.
    public func testRuleExamples() -> [RuleExampleFailure] {
        var failures: [RuleExampleFailure] = []
        for index in rules.indices {
            let rule = rules[index]
            let policy = FieldPolicy(singleRule: index, rules: rules)
            let examples = rule.definition.examples
            func fail(_ kind: RuleExampleFailure.Kind, _ example: String, _ actual: String) {
                let source = examples.sources[kind.rawValue] ?? rule.definition.source
                failures.append(RuleExampleFailure(ruleID: rule.id, source: source,
                                                   kind: kind, example: example, actual: actual))
            }
            for example in examples.match {
                let masked = maskAlone(example, policy)
                if masked.findings == 0 { fail(.match, example, masked.text) }
            }
            for example in examples.noMatch {
                let masked = maskAlone(example, policy)
                if masked.findings > 0 { fail(.noMatch, example, masked.text) }
            }
            for (input, output) in examples.masked {
                let masked = maskAlone(input, policy)
                if masked.text != output { fail(.masked, input, masked.text) }
            }
        }
        return failures
    }

    func maskAlone(_ text: String, _ policy: FieldPolicy) -> (text: String, findings: Int) {
        var text = text
        return text.withUTF8 { bytes in
            var output: [UInt8] = []
            let findings = mask(utf8: UnsafeRawBufferPointer(bytes), policy: policy, appendingTo: &output)
            return (String(decoding: output, as: UTF8.self), findings)
        }
    }
}
