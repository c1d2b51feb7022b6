import PCRE2

/// A rule ready to match: its kind of candidate, its pattern compiled for that kind, its
/// validator and context words, and the digit counts a candidate must have.
final class CompiledRule: Sendable {
    let definition: RuleDefinition
    let kind: CandidateKind
    /// The pattern as written: searched freely for `search` rules.
    let pattern: Pattern
    /// For candidate kinds: the pattern anchored at the candidate's start (and, for `digits`
    /// and `iban`, at its end too).
    let anchored: Pattern?
    /// `search` rules: asked by PCRE2's callout about each match (nil without a validator
    /// or context words).
    let filter: CandidateCheck?
    let validator: Validator?
    let context: ContextRule?
    /// `search` rules: a value with none of these bytes cannot match (nil: any value can).
    let trigger: ByteSet?
    /// `search` rules: classes every match contains one after the other (from `requires`).
    let requiredSequence: [ByteSet]
    /// `sequenceTable(requiredSequence)`.
    private let sequenceTable: [UInt64]
    /// The digits a candidate span may hold, counted as written (a leading `00` and a
    /// `(0)` included): outside this range the rule is not asked.
    let digitRange: ClosedRange<Int>
    /// The bytes a match can start with, when PCRE2 knows them.
    let startBytes: ByteSet?

    /// Whether the rule's type is `phone` (its spans may take an extension) or `card` (four
    /// groups of four ending a longer run may be its), read once rather than per span.
    let isPhone: Bool
    let isCard: Bool
    /// Whether the rule takes a span of a run glued to the text around it (`kaartnr4111…`,
    /// `#4111…`, `4111…aub`): rules whose validator is `card` (Luhn, a brand's prefix and a
    /// length that brand uses), which one number in some hundreds passes by chance.
    let takesGlued: Bool

    /// The definition's id, type, priority and mask, held here: read per finding without
    /// copying the definition.
    let id: String
    let type: String
    let priority: Int
    let mask: Mask

    /// The candidate kind a definition gets: as declared, else from its validator.
    static func kind(of definition: RuleDefinition) -> CandidateKind {
        if let kind = definition.candidate { return kind }
        switch definition.validator?.name {
        case "iban": return .iban
        case .some: return .digits
        case nil: return .search
        }
    }

    init(_ definition: RuleDefinition, contextTable: ContextWordTable) throws(RuleError) {
        self.definition = definition
        id = definition.id
        type = definition.type
        priority = definition.priority
        mask = definition.mask
        kind = Self.kind(of: definition)
        isPhone = definition.type == "phone"
        isCard = definition.type == "card"
        takesGlued = definition.validator?.name == "card"
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
        let context = definition.context.map { ContextRule($0, table: contextTable) }
        self.validator = validator
        self.context = context
        switch kind {
        case .search:
            anchored = nil
            if validator == nil && context == nil {
                pattern = plain
                filter = nil
            } else {
                // The callout at the end of the pattern asks the validator and context about
                // each match; a rejection makes PCRE2 backtrack (bounded by the match limit).
                do {
                    pattern = try Pattern("(?:\(definition.pattern)\(newlineIfExtended(options)))(?C1)",
                                          options: options.union(.noAutoPossess))
                } catch {
                    throw Self.fail(definition, "pattern: \(error.message)")
                }
                filter = CandidateCheck(validator: validator, context: context, table: contextTable)
            }
        case .digits, .iban, .email:
            pattern = plain
            filter = nil
            // Asked at each candidate site: no pre-scan of the subject's rest (for a code unit
            // such as the domain's `.`), which made a line of `a@a@…` quadratic.
            let ends: CompileOptions = kind == .email
                ? [.anchored, .noStartOptimize] : [.anchored, .endAnchored, .noStartOptimize]
            do {
                anchored = try Pattern(definition.pattern, options: options.union(ends))
            } catch {
                throw Self.fail(definition, "pattern: \(error.message)")
            }
        }
        requiredSequence = try definition.requires.map { (requires) throws(RuleError) in
            try Self.classSequence(requires, definition)
        } ?? []
        guard requiredSequence.count <= 64 else { throw Self.fail(definition, "requires: at most 64 classes") }
        sequenceTable = Self.sequenceTable(requiredSequence)
        trigger = requiredSequence.min { $0.count < $1.count }
            ?? Self.smaller(plain.startBytes, plain.requiredBytes)
        digitRange = validator?.digitRange ?? 1...CandidateLimits.maxSpanDigits
        startBytes = plain.startBytes
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
        case "luhn":
            let minDigits = spec.minDigits ?? 12
            let maxDigits = spec.maxDigits ?? 19
            guard minDigits >= 2, minDigits <= maxDigits, maxDigits <= 40 else {
                throw fail(definition, "validator luhn: min_digits must be 2–40 and at most max_digits")
            }
            return .luhn(minDigits: minDigits, maxDigits: maxDigits)
        case "iban": return .iban
        case "ssn": return .ssn
        case "elfproef": return .elfproef
        case "dictionary":
            guard let dictionary = spec.dictionary else { throw fail(definition, "validator dictionary is set by `deny:` entries only") }
            return .dictionary(dictionary)
        case "phone":
            let minDigits = spec.minDigits ?? 7
            let maxDigits = spec.maxDigits ?? 15
            guard minDigits >= 1, minDigits <= maxDigits, maxDigits <= 17 else {
                throw fail(definition, "validator phone: min_digits must be at least 1 and at most max_digits, max_digits at most 17")
            }
            var plan = PhonePlan()
            switch spec.countryCode {
            case nil: break
            case "lengths": plan.country = .lengths
            case "plan": plan.country = .plan
            default: throw fail(definition, "validator phone: country_code must be lengths or plan")
            }
            plan.countryCodeFirst = spec.countryCodeFirst ?? false
            if plan.countryCodeFirst && plan.country == .none {
                throw fail(definition, "validator phone: country_code_first needs country_code")
            }
            if let regions = spec.regions {
                if regions == ["all"] {
                    plan.regions = .all
                } else {
                    switch PhoneRegionSet.named(regions) {
                    case .success(let set): plan.regions = set
                    case .failure(let unknown):
                        throw fail(definition, "validator phone: unknown region `\(unknown.code)` in regions (ISO 3166 codes such as NL, or all)")
                    }
                }
            }
            return .phone(minDigits: minDigits, maxDigits: maxDigits, plan: plan)
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

/// A `search` rule's validator and context words, asked by PCRE2's callout about each match.
final class CandidateCheck: CandidateFilter, Sendable {
    let validator: Validator?
    let context: ContextRule?
    let table: ContextWordTable

    init(validator: Validator?, context: ContextRule?, table: ContextWordTable) {
        self.validator = validator
        self.context = context
        self.table = table
    }

    func accepts(_ subject: UnsafeRawBufferPointer, _ range: Range<Int>, callout: Int) -> Bool {
        if let validator, !validator.accepts(UnsafeRawBufferPointer(rebasing: subject[range])) { return false }
        if let context {
            let start = range.lowerBound
            var nearest = NearestWords()
            table.scan(subject, from: start - table.maxWindow, to: start, into: &nearest)
            if !context.accepts(subject, matchStart: start, nearest: nearest) {
                guard context.after != nil else { return false }
                var following = NearestWords()
                table.scan(subject, from: range.upperBound, to: min(subject.count, range.upperBound + context.afterWindow),
                           into: &following)
                if !context.acceptsAfter(subject, matchStart: start, matchEnd: range.upperBound, nearest: nearest,
                                         following: following) { return false }
            }
        }
        return true
    }
}
