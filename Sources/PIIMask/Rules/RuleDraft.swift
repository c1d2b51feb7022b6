/// A draft rule file tried on top of the rule files in effect, never installed: it is
/// compiled as a loaded file is (same parser, checks and PCRE2 match limit), the examples
/// of the rules it defines or overrides are run, and it is applied to a sample.
///
/// Bounded: the draft and the sample are at most `maxBytes` each, every pattern match is
/// bounded by the match limit, and the examples stop once `timeBudget` is spent (the result
/// says so), so one request's work has a ceiling whatever the draft holds.
///
/// ```swift
/// let result = RuleDraft.test("version: 1\nrules: []\n", over: [], sample: "call +447966197542")
/// result.isValid          // true
/// ```
public enum RuleDraft {
    /// The name errors and sources give the draft (`draft.yaml:12: rule id: …`).
    public static let fileName = "draft.yaml"
    /// The largest draft, and the largest sample, in bytes.
    public static let maxBytes = 64 * 1024

    /// Loads the built-in rules (unless `includeBuiltin` is false), the rule files at `paths`
    /// as they are on disk now, then `draft`; runs the examples of the draft's rules, each
    /// rule alone; masks `sample` (if any) under `field` with all of them.
    public static func test(_ draft: String, over paths: [String], includeBuiltin: Bool = true,
                            sample: String? = nil, field: String? = nil,
                            timeBudget: Duration = .seconds(2)) -> RuleDraftResult {
        let deadline = ContinuousClock.now + timeBudget
        let masker: Masker
        do {
            var sources: [(file: String, text: String)] = []
            if includeBuiltin { sources += BuiltinRules.files.map { ("builtin:\($0.name)", $0.text) } }
            for path in paths { sources += try RuleSet.readFiles(at: path) }
            sources.append((fileName, draft))
            masker = try Masker(ruleSet: RuleSet.merge(sources))
        } catch {
            return RuleDraftResult(errors: [error], ruleIDs: [], fieldIDs: [], examples: [], isComplete: true, sample: nil)
        }
        let fromDraft: (RuleSource, [RuleSource]) -> Bool = { source, overrides in
            source.file == fileName || overrides.contains { $0.file == fileName }
        }
        let ruleIDs = masker.ruleSet.rules.filter { fromDraft($0.source, $0.overrides) }.map(\.id)
        let fieldIDs = masker.ruleSet.fields.filter { fromDraft($0.source, $0.overrides) }.map(\.id)
        var examples: [RuleDraftExample] = []
        var isComplete = true
        run: for index in masker.rules.indices where fromDraft(masker.rules[index].definition.source,
                                                                masker.rules[index].definition.overrides) {
            let rule = masker.rules[index].definition
            let policy = FieldPolicy(singleRule: index, rules: masker.rules)
            var cases: [(RuleExampleFailure.Kind, String, String?)] = rule.examples.match.map { (.match, $0, nil) }
            cases += rule.examples.noMatch.map { (.noMatch, $0, nil) }
            cases += rule.examples.masked.map { (.masked, $0.input, $0.output) }
            for (kind, example, expected) in cases {
                guard ContinuousClock.now < deadline else {
                    isComplete = false
                    break run
                }
                let (output, findings) = masker.maskAlone(example, policy)
                let passed: Bool
                switch kind {
                case .match: passed = findings > 0
                case .noMatch: passed = findings == 0
                case .masked: passed = output == expected
                }
                examples.append(RuleDraftExample(ruleID: rule.id, source: rule.source, kind: kind, example: example,
                                                 passed: passed, got: kind == .match ? nil : output))
            }
        }
        let masked = sample.map { masker.maskWithFindings($0, field: field) }
        return RuleDraftResult(errors: [], ruleIDs: ruleIDs, fieldIDs: fieldIDs, examples: examples,
                               isComplete: isComplete, sample: masked)
    }
}

/// What trying a draft rule file found.
public struct RuleDraftResult: Sendable {
    /// Why the draft (or a rule file under it) does not load: file, line, rule and problem.
    /// Empty when it loads.
    public let errors: [RuleError]
    /// The rules the draft defines or overrides, and the field categories it changes.
    public let ruleIDs: [String]
    public let fieldIDs: [String]
    /// The examples of the draft's enabled rules, in order, each run with its rule alone.
    public let examples: [RuleDraftExample]
    /// False when the time budget ran out before every example ran.
    public let isComplete: Bool
    /// The sample masked with the rules in effect and the draft (nil: no sample, or the
    /// draft does not load).
    public let sample: MaskResult?

    /// Whether the draft loads.
    public var isValid: Bool { errors.isEmpty }
}

/// One example of a draft rule and how it came out.
public struct RuleDraftExample: Sendable {
    /// The rule's id and where it is defined.
    public let ruleID: String
    public let source: RuleSource
    /// `match`, `no_match` or `masked`.
    public let kind: RuleExampleFailure.Kind
    /// The example's text (from the draft, never from the sample).
    public let example: String
    /// Whether it held.
    public let passed: Bool
    /// What masking the example with the rule alone gave (nil for `match` examples).
    public let got: String?
}
