import PCRE2

/// A field category resolved against the compiled rules: which rules run on its values,
/// grouped by the kind of candidate they take, highest priority first, and the prefilter
/// that skips text none of them can match.
public final class FieldPolicy: Sendable {
    /// The category id.
    public let id: String
    /// Indexes into the masker's compiled rules, highest priority first.
    let ruleIndexes: [Int]
    /// The rules of each candidate kind, highest priority first.
    let digitRules: [Int]
    let ibanRules: [Int]
    let emailRules: [Int]
    let searchRules: [Int]
    /// `digitRulesByCount[digitRuleOffsets[n]..<digitRuleOffsets[n + 1]]`: the digit rules
    /// whose digit range holds `n`, highest priority first (`n` up to `maxSpanDigits`).
    let digitRulesByCount: [Int]
    let digitRuleOffsets: [Int]
    /// The fewest digits a span any digit rule takes holds.
    let minimumSpanDigits: Int
    /// Whether some digit rule takes glued values (`CompiledRule.takesGlued`).
    let takesGlued: Bool
    /// Whether a match must span the whole value.
    let wholeValue: Bool
    /// Finds bytes where a match of one of the rules could be.
    let prefilter: Prefilter
    /// Finds the bytes candidates start from: digits (digit and IBAN rules) and `@`.
    let candidateStarts: Prefilter
    /// Whether values are read on their folded view when they hold a folded character
    /// (`TextFolding`): so for every policy with candidate rules.
    let readsFolded: Bool
    /// The values written unchanged where a rule finds them (`MaskingWorker.removeAllowed`);
    /// nil when the category allows none.
    let allowList: AllowList?
    /// The `deny:` dictionaries among the rules, by rule index, highest priority first
    /// (`MaskingWorker.detectDenied`).
    let denyRules: [(rule: Int, dictionary: TokenDictionary)]
    /// Whether every value of every deny dictionary holds a digit: only tokens with one are
    /// looked up, and text without digits is skipped.
    let deniedNeedDigit: Bool
    /// Otherwise, the prescan that finds the words a listed value could start at: text is
    /// read for those (`CandidateCursor`, `detectDenied`) instead of the prefilter taking
    /// every word byte.
    let denyPrescan: DenyPrescan?

    convenience init(_ definition: FieldDefinition, rules: [CompiledRule]) {
        self.init(id: definition.id, wholeValue: definition.wholeValue,
                  indexes: rules.indices.filter { definition.detect.contains(rules[$0].type) }, rules: rules,
                  allowList: definition.allowList)
    }

    /// A policy that runs one rule alone (for testing a rule's examples).
    convenience init(singleRule index: Int, rules: [CompiledRule]) {
        self.init(id: rules[index].id, wholeValue: false, indexes: [index], rules: rules)
    }

    private init(id: String, wholeValue: Bool, indexes: [Int], rules: [CompiledRule], allowList: AllowList? = nil) {
        self.id = id
        self.allowList = allowList
        self.wholeValue = wholeValue
        ruleIndexes = indexes.sorted { rules[$0].priority > rules[$1].priority }
        digitRules = ruleIndexes.filter { rules[$0].kind == .digits }
        ibanRules = ruleIndexes.filter { rules[$0].kind == .iban }
        emailRules = ruleIndexes.filter { rules[$0].kind == .email }
        searchRules = ruleIndexes.filter { rules[$0].kind == .search && rules[$0].dictionary == nil }
        denyRules = ruleIndexes.compactMap { index in rules[index].dictionary.map { (index, $0) } }
        deniedNeedDigit = denyRules.allSatisfy(\.dictionary.everyValueHasDigit)
        denyPrescan = deniedNeedDigit ? nil : DenyPrescan(denyRules.map(\.dictionary))
        var byCount: [Int] = []
        var offsets: [Int] = [0]
        for count in 0...CandidateLimits.maxSpanDigits {
            byCount += digitRules.filter { rules[$0].digitRange.contains(count) }
            offsets.append(byCount.count)
        }
        digitRulesByCount = byCount
        digitRuleOffsets = offsets
        minimumSpanDigits = digitRules.map { rules[$0].digitRange.lowerBound }.min() ?? Int.max
        takesGlued = digitRules.contains { rules[$0].takesGlued }
        var starts = ByteSet()
        if !digitRules.isEmpty || !ibanRules.isEmpty {
            for digit in UInt8(ascii: "0")...UInt8(ascii: "9") { starts.insert(digit) }
        }
        if !emailRules.isEmpty { starts.insert(UInt8(ascii: "@")) }
        candidateStarts = Prefilter(starts)
        readsFolded = starts.count > 0 || !denyRules.isEmpty
        var union: ByteSet? = starts
        if !denyRules.isEmpty, deniedNeedDigit { union = union?.union(TokenDictionary.digits) }
        if readsFolded { union?.insert(UInt8(ascii: "%")) }
        for index in searchRules {
            guard let trigger = rules[index].trigger else {
                union = nil
                break
            }
            union = union?.union(trigger)
        }
        prefilter = Prefilter(union, folds: readsFolded, spelledAddresses: !emailRules.isEmpty)
    }
}

/// Bounds on the work per candidate, which make the engine's time per byte a constant.
enum CandidateLimits {
    /// The most digits a span of a digit run may hold (a rule's digit range is capped here).
    static let maxSpanDigits = 40
    /// The most digit groups a span may hold.
    static let maxSpanGroups = 12
    /// The most digit groups a run is classified in at once: a longer run is taken in
    /// windows of this many groups, each starting `maxSpanGroups` groups before the last
    /// one ended (so every span lies whole in one window), which bounds the run's scratch
    /// (its groups, tiles and tiling) whatever the line holds.
    static let maxRunGroups = 256
    /// The most bytes of a separator between two digit groups.
    static let maxSeparatorBytes = 3
    /// The most bytes of an e-mail local part the engine walks back over from `@`.
    static let maxLocalPartBytes = 64
    /// The most bytes after an `@` that an e-mail rule is shown: a domain of at most 255
    /// bytes (RFC 5321) and two more for the look-ahead at its end. A longer domain is read
    /// as its first 255 bytes: the local part is masked all the same.
    static let maxBytesAfterAt = 257
    /// The most letters and digits of an IBAN candidate.
    static let maxIBANCharacters = 34
}
