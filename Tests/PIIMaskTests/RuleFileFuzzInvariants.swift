@testable import PIIMask

/// The `rules` fuzz target: the input as a rule file (UTF-8, invalid bytes read as
/// U+FFFD), loaded alone and after the built-in rules, with these properties:
///
/// 1. **An error, never a trap**: parsing, merging and compiling return a rule set and a
///    masker or throw a `RuleError` that names a file and a problem.
/// 2. **Nothing else changes**: merged after the built-in rules, every built-in rule and field
///    category whose id the file does not write keeps its type, pattern, enabled state and
///    detected types (checked when the file has no backslash, with which YAML can spell an
///    id in escapes).
/// 3. **A masker that loads masks**: the input's lines and sample chat lines masked as text
///    keep their count, and a chat event masked by it is one valid JSON line.
final class RuleFileFuzzInvariants: FuzzChecker {
    /// PCRE2's match limit for the fuzzed rules: low, so that a pattern the input writes
    /// with catastrophic backtracking gives up quickly (the value is masked whole then).
    static let matchLimit: UInt32 = 20_000
    /// Lines masked with every rule set that loads.
    static let sampleLines = Array("""
        call me on +31 6 12345678 or mail melissa@gmail.com
        card 4111 1111 1111 1111, iban NL91 ABNA 0417 1643 00, ssn 123-45-6789
        ４１１１ １１１１ a\u{FF}\u{EF}\u{BD} x@ y%40z (at) [at] apenstaartje

        """.utf8)

    private let builtin: [(file: String, text: String)]
    private let builtinSet: RuleSet
    private let rewriter = JSONLineRewriter()
    private var violations: [String] = []

    /// A checker (it reads the built-in rule files once).
    init() {
        builtin = BuiltinRules.files.map { ("builtin:\($0.name)", $0.text) }
        builtinSet = try! RuleSet.merge(builtin)
    }

    func check(_ input: UnsafeRawBufferPointer) -> [String] {
        violations = []
        let bytes = [UInt8](input)
        let text = String(decoding: bytes, as: UTF8.self)
        load([("fuzz.yaml", text)], bytes: bytes, label: "rules alone")
        if let merged = load(builtin + [("fuzz.yaml", text)], bytes: bytes, label: "rules after the built-in"),
           !text.contains("\\") {
            checkUnchanged(merged, text: text)
        }
        return violations
    }

    private func fail(_ message: String) {
        violations.append(message)
    }

    /// Checks 1 and 3 for `sources`; returns the rule set when it loads.
    @discardableResult
    private func load(_ sources: [(file: String, text: String)], bytes: [UInt8], label: String) -> RuleSet? {
        let ruleSet: RuleSet
        let masker: Masker
        do {
            ruleSet = try RuleSet.merge(sources)
            masker = try Masker(ruleSet: ruleSet, matchLimit: Self.matchLimit)
        } catch {
            if error.file.isEmpty || error.problem.isEmpty { fail("\(label): a RuleError without a file or a problem") }
            return nil
        }
        for lines in [bytes, Self.sampleLines] {
            var output: [UInt8] = []
            let processor = TextBlockProcessor(worker: masker.makeWorker(), policy: masker.defaultPolicy)
            var report = BlockReport()
            lines.withUnsafeBytes { processor.process($0, into: &output, report: &report) }
            if FuzzInvariants.count(newlines: output) != FuzzInvariants.count(newlines: lines) {
                fail("\(label): text lines masked with the loaded rules changed their count")
            }
        }
        var event = Array(#"{"event":"message","message":{"text":""#.utf8)
        FuzzInvariants.appendEscaped(Self.sampleLines[...], escapeASCII: false, to: &event)
        event += Array(#""},"n":4111111111111111}"#.utf8)
        var output: [UInt8] = []
        event.withUnsafeBytes { _ = masker.maskEvent(utf8: $0, appendingTo: &output) }
        if output.contains(UInt8(ascii: "\n")) || !output.withUnsafeBytes({ rewriter.isValid($0) }) {
            fail("\(label): an event masked with the loaded rules is not one valid JSON line")
        }
        return ruleSet
    }

    /// Check 2.
    private func checkUnchanged(_ merged: RuleSet, text: String) {
        for rule in builtinSet.rules where !text.contains(rule.id) {
            guard let after = merged.rules.first(where: { $0.id == rule.id }) else {
                fail("rules: built-in rule \(rule.id) gone")
                continue
            }
            if after.type != rule.type || after.pattern != rule.pattern || after.enabled != rule.enabled {
                fail("rules: built-in rule \(rule.id) changed by a file that does not name it")
            }
        }
        for field in builtinSet.fields where !text.contains(field.id) {
            guard let after = merged.fields.first(where: { $0.id == field.id }) else {
                fail("rules: built-in field category \(field.id) gone")
                continue
            }
            if Set(after.detect) != Set(field.detect) {
                fail("rules: field category \(field.id) detects other types after a file that does not name it")
            }
        }
    }
}
