import PCRE2

/// A rule ready to match: its pattern compiled (with a callout for its validator and
/// context words), and the bytes that must occur in a value for it to match at all.
final class CompiledRule: Sendable {
    let definition: RuleDefinition
    let pattern: Pattern
    /// Asked by PCRE2 for each candidate (nil when the rule has no validator or context).
    let filter: CandidateCheck?
    /// A value with none of these bytes cannot match (nil: unknown, any value can).
    let trigger: ByteSet?
    /// The trigger's byte when it has only one (a quick `memchr` decides then).
    let triggerByte: UInt8?
    /// The bytes a match of the pattern can start with, when PCRE2 knows them.
    let startBytes: ByteSet?
    /// The pattern as a group with its flags inline (`(?x:…)`), for combining with others;
    /// nil for UTF patterns, which cannot share a byte-mode combined pattern.
    let inlineSource: String?

    var id: String { definition.id }
    var type: String { definition.type }
    var priority: Int { definition.priority }
    var mask: Mask { definition.mask }

    init(_ definition: RuleDefinition) throws(RuleError) {
        self.definition = definition
        var options: CompileOptions = []
        for flag in definition.flags {
            switch flag {
            case "caseless": options.insert(.caseless)
            case "extended": options.insert(.extended)
            case "utf": options.insert(.utf)
            case "ucp": options.formUnion([.utf, .unicodeProperties])
            default: throw Self.fail(definition, "unknown flag `\(flag)` (expected caseless, extended, utf, ucp)")
            }
        }
        // Compile the pattern as written first, so that errors point into it.
        let plain: Pattern
        do {
            plain = try Pattern(definition.pattern, options: options)
        } catch {
            throw Self.fail(definition, "pattern: \(error.message) at offset \(error.patternOffset ?? 0)")
        }
        if plain.canMatchEmpty {
            throw Self.fail(definition, "pattern can match the empty string")
        }
        let validator = try definition.validator.map { spec throws(RuleError) in try Self.validator(spec, definition) }
        let context = definition.context.map(ContextMatcher.init)
        if validator == nil && context == nil {
            pattern = plain
            filter = nil
        } else {
            // The callout at the end of the pattern asks the validator and context about each
            // candidate; a rejection makes PCRE2 backtrack to shorter or later candidates.
            do {
                pattern = try Pattern("(?:\(definition.pattern)\(newlineIfExtended(options)))(?C1)",
                                      options: options.union(.noAutoPossess))
            } catch {
                throw Self.fail(definition, "pattern: \(error.message)")
            }
            filter = CandidateCheck(validator: validator, context: context)
        }
        trigger = try definition.requires.map { (requires) throws(RuleError) in
            try Self.byteClass(requires, definition)
        } ?? Self.smaller(plain.startBytes, plain.requiredBytes)
        triggerByte = trigger.flatMap { $0.count == 1 ? $0.members.first : nil }
        startBytes = plain.startBytes
        if options.contains(.utf) {
            inlineSource = nil
        } else {
            let inline = (options.contains(.caseless) ? "i" : "") + (options.contains(.extended) ? "x" : "")
            inlineSource = "(?\(inline):\(definition.pattern)\(newlineIfExtended(options)))"
        }
    }

    /// The bytes a one-character class such as `[0-9]` matches, found by compiling it.
    private static func byteClass(_ text: String, _ definition: RuleDefinition) throws(RuleError) -> ByteSet {
        let pattern: Pattern
        do {
            pattern = try Pattern(text)
        } catch {
            throw fail(definition, "requires: \(error.message) at offset \(error.patternOffset ?? 0)")
        }
        let scratch = MatchScratch(maxCaptureCount: pattern.captureCount)
        var set = ByteSet()
        for byte in 0...255 {
            let subject = [UInt8(byte)]
            let range = try? subject.withUnsafeBytes { try pattern.firstMatch(in: $0, from: 0, scratch: scratch) }
            if range == 0..<1 { set.insert(UInt8(byte)) }
        }
        guard set.count > 0 else { throw fail(definition, "requires matches no byte") }
        return set
    }

    private static func smaller(_ a: ByteSet?, _ b: ByteSet?) -> ByteSet? {
        switch (a, b) {
        case let (a?, b?): return a.count <= b.count ? a : b
        case let (a?, nil): return a
        case let (nil, b?): return b
        case (nil, nil): return nil
        }
    }

    private static func validator(_ spec: ValidatorSpec, _ definition: RuleDefinition) throws(RuleError) -> Validator {
        switch spec.name {
        case "card": return .card
        case "card-shape": return .cardShape
        case "luhn": return .luhn
        case "iban": return .iban
        case "ssn": return .ssn
        case "phone":
            let minDigits = spec.minDigits ?? 7
            let maxDigits = spec.maxDigits ?? 15
            guard minDigits >= 1, minDigits <= maxDigits else {
                throw fail(definition, "validator phone: min_digits must be at least 1 and at most max_digits")
            }
            return .phone(minDigits: minDigits, maxDigits: maxDigits)
        default:
            throw fail(definition, "unknown validator `\(spec.name)` (expected \(Validator.names.joined(separator: ", ")))")
        }
    }

    private static func fail(_ definition: RuleDefinition, _ problem: String) -> RuleError {
        RuleError(file: definition.source.file, line: definition.source.line, ruleID: definition.id, problem: problem)
    }
}

/// A newline to close a pattern in extended mode, where a `#` comment would otherwise run on.
private func newlineIfExtended(_ options: CompileOptions) -> String {
    options.contains(.extended) ? "\n" : ""
}

/// A rule's validator and context words, asked by PCRE2's callout about each candidate.
final class CandidateCheck: CandidateFilter, Sendable {
    let validator: Validator?
    let context: ContextMatcher?

    init(validator: Validator?, context: ContextMatcher?) {
        self.validator = validator
        self.context = context
    }

    func accepts(_ subject: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        if let validator, !validator.accepts(UnsafeRawBufferPointer(rebasing: subject[range])) { return false }
        if let context, !context.accepts(subject, matchStart: range.lowerBound) { return false }
        return true
    }
}
