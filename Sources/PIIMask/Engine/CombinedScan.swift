import PCRE2

/// One pattern for several rules: `(?|(?x:P1)|(?x:P2)|…)`, their patterns without validators
/// or context words. The branch reset `(?|` keeps each pattern's group numbers, so its
/// back-references still work.
///
/// A rule's match is always a match of its pattern, so no member rule can match before the
/// combined pattern's first match: one search tells where the members can start, or that
/// none can match the value at all (most values with digits hold only dates, times and
/// amounts). Only rules whose matches start with a few known bytes join (not e-mail, whose
/// first byte can be any letter), and only byte-mode patterns.
struct CombinedScan: Sendable {
    let pattern: Pattern
    /// `isMember[rule]` is true for rules the combined pattern covers.
    let isMember: [Bool]

    /// Start bytes of at most this many values qualify a rule to join.
    private static let maxStartBytes = 24

    /// A combined scan for the rules at `indexes`, or nil when fewer than two can join or
    /// the combination does not compile (e.g. named groups of the same name).
    init?(rules: [CompiledRule], indexes: [Int]) {
        let members = indexes.filter { index in
            guard let start = rules[index].startBytes, rules[index].inlineSource != nil else { return false }
            return start.count <= Self.maxStartBytes
        }
        guard members.count >= 2 else { return nil }
        let source = "(?|" + members.map { rules[$0].inlineSource! }.joined(separator: "|") + ")"
        guard let pattern = try? Pattern(source) else { return nil }
        self.pattern = pattern
        var isMember = [Bool](repeating: false, count: rules.count)
        for index in members { isMember[index] = true }
        self.isMember = isMember
    }
}
