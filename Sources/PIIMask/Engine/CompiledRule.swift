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
    /// Classes that every match contains one after the other (from `requires`), checked
    /// with a plain scan before the pattern runs; empty when not declared.
    let requiredSequence: [ByteSet]
    /// `sequenceTable(requiredSequence)`.
    private let sequenceTable: [UInt64]
    /// The trigger's byte when it has only one (a quick `memchr` decides then).
    let triggerByte: UInt8?
    /// The fewest digits a match holds (from the validator; 0 without one).
    let minimumDigits: Int
    /// The bytes a match of the pattern can start with, when PCRE2 knows them.
    let startBytes: ByteSet?
    /// The pattern's flags as inline letters (`ix`), for combining it with others; nil for
    /// UTF patterns, which cannot share a byte-mode combined pattern.
    let inlineFlags: String?

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
        requiredSequence = try definition.requires.map { (requires) throws(RuleError) in
            try Self.classSequence(requires, definition)
        } ?? []
        guard requiredSequence.count <= 64 else { throw Self.fail(definition, "requires: at most 64 classes") }
        sequenceTable = Self.sequenceTable(requiredSequence)
        trigger = requiredSequence.min { $0.count < $1.count }
            ?? Self.smaller(plain.startBytes, plain.requiredBytes)
        triggerByte = trigger.flatMap { $0.count == 1 ? $0.members.first : nil }
        minimumDigits = validator?.minimumDigits ?? 0
        startBytes = plain.startBytes
        inlineFlags = options.contains(.utf)
            ? nil
            : (options.contains(.caseless) ? "i" : "") + (options.contains(.extended) ? "x" : "")
    }

    /// The classes of a `requires` sequence such as `[A-Za-z][A-Za-z][0-9][0-9]` or `@`:
    /// bracket expressions and single (possibly `\`-escaped) characters, one after the other.
    private static func classSequence(_ text: String, _ definition: RuleDefinition) throws(RuleError) -> [ByteSet] {
        var tokens: [String] = []
        var characters = Array(text)
        var index = 0
        while index < characters.count {
            var token = String(characters[index])
            if characters[index] == "\\", index + 1 < characters.count {
                index += 1
                token.append(characters[index])
            } else if characters[index] == "[" {
                var end = index + 1
                if end < characters.count, characters[end] == "^" { end += 1 }
                if end < characters.count, characters[end] == "]" { end += 1 }
                while end < characters.count, characters[end] != "]" {
                    if characters[end] == "\\" { end += 1 }
                    end += 1
                }
                guard end < characters.count else { throw fail(definition, "requires: unterminated [ class") }
                token = String(characters[index...end])
                index = end
            }
            tokens.append(token)
            index += 1
        }
        characters.removeAll()
        guard !tokens.isEmpty else { throw fail(definition, "requires is empty") }
        var classes: [ByteSet] = []
        for token in tokens { classes.append(try byteClass(token, definition)) }
        return classes
    }

    /// Whether `value` contains the `requires` sequence (true when none is declared):
    /// shift-and over a table that gives, per byte, the sequence positions it may stand in.
    @inline(__always)
    func containsRequiredSequence(_ value: UnsafeRawBufferPointer) -> Bool {
        guard requiredSequence.count > 1 else { return true }
        let done = UInt64(1) << UInt64(requiredSequence.count - 1)
        return sequenceTable.withUnsafeBufferPointer { table in
            var state: UInt64 = 0
            for byte in value {
                state = ((state << 1) | 1) & table[Int(byte)]
                if state & done != 0 { return true }
            }
            return false
        }
    }

    /// Per byte, a bit for each position of `sequence` (at most 64) whose class holds it.
    private static func sequenceTable(_ sequence: [ByteSet]) -> [UInt64] {
        (0...255).map { byte in
            var bits: UInt64 = 0
            for (position, set) in sequence.prefix(64).enumerated() where set.contains(UInt8(byte)) {
                bits |= 1 << UInt64(position)
            }
            return bits
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

    func accepts(_ subject: UnsafeRawBufferPointer, _ range: Range<Int>, callout: Int) -> Bool {
        if let validator, !validator.accepts(UnsafeRawBufferPointer(rebasing: subject[range])) { return false }
        if let context, !context.accepts(subject, matchStart: range.lowerBound) { return false }
        return true
    }
}
