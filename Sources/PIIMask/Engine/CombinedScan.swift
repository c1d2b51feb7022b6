import PCRE2

/// One pattern for several rules: `(?|(?x:P1)|(?x:P2)|…)`, their patterns without validators
/// or context words. The branch reset `(?|` keeps each pattern's group numbers, so its
/// back-references still work.
///
/// A rule's match is always a match of its pattern, so no member rule can match before the
/// combined pattern's first match: one search tells where the members can start, or that
/// none can match the value at all (most values with digits hold only dates, times and
/// amounts). Only rules whose matches start with a few known bytes join (not e-mail, whose
/// first byte can be any letter), and only byte-mode patterns with the same flags.
///
/// Lookaround assertions that every member's pattern starts with (the same text, such as
/// "not after a letter or digit") are tested once, before the alternatives, instead of once
/// per alternative: at most positions inside a digit run they fail at once. Members whose
/// further leading assertions are the same share those the same way.
///
/// Each member's alternative is an atomic group followed by a callout numbered after the
/// member (`(?>P1)(?C1)`). A `CombinedRecorder` rejects every candidate, so PCRE2 tries
/// every alternative at every start, once: the search tells, for each member, whether its
/// pattern matches anywhere and where it first can. Members whose pattern matches nowhere
/// are not run at all.
struct CombinedScan: Sendable {
    let pattern: Pattern
    /// `isMember[rule]` is true for rules the combined pattern covers.
    let isMember: [Bool]
    /// `memberNumber[rule]`: the rule's callout number in the pattern (0 for non-members).
    let memberNumber: [Int]
    /// The fewest digits a match of any member holds: a value with fewer cannot match.
    let minimumDigits: Int

    /// Start bytes of at most this many values qualify a rule to join.
    private static let maxStartBytes = 24

    /// A combined scan for the rules at `indexes`, or nil when fewer than two can join or
    /// the combination does not compile (e.g. named groups of the same name).
    init?(rules: [CompiledRule], indexes: [Int]) {
        let candidates = indexes.filter { index in
            guard let start = rules[index].startBytes, rules[index].inlineFlags != nil else { return false }
            return start.count <= Self.maxStartBytes
        }
        // Members share the flags of the first candidate.
        guard let flags = candidates.first.map({ rules[$0].inlineFlags! }) else { return nil }
        let members = Array(candidates.filter { rules[$0].inlineFlags == flags }.prefix(CombinedRecorder.maxMembers))
        guard members.count >= 2 else { return nil }
        let extended = flags.contains("x")
        let split = members.map { LeadingAssertions(rules[$0].definition.pattern, extended: extended) }
        var shared = split[0].assertions
        for part in split.dropFirst() {
            shared = Array(zip(shared, part.assertions).prefix { $0 == $1 }.map(\.0))
        }
        let newline = extended ? "\n" : ""
        // Members with the same further assertions share them too: one group each.
        var groups: [(assertions: [String], rests: [String])] = []
        for (number, part) in split.enumerated() {
            let own = Array(part.assertions.dropFirst(shared.count))
            // Atomic: only the first way the pattern matches at a start reaches the callout,
            // so rejecting it never makes PCRE2 try the (possibly exponentially many) others.
            let rest = "(?>\(part.rest)\(newline))(?C\(number + 1))"
            if let index = groups.firstIndex(where: { $0.assertions == own }) {
                groups[index].rests.append(rest)
            } else {
                groups.append((own, [rest]))
            }
        }
        let alternatives = groups.map { group in
            "(?:" + group.assertions.joined(separator: " ") + newline + "(?|"
                + group.rests.joined(separator: "|") + "))"
        }
        let source = "(?\(flags):" + shared.joined(separator: " ") + newline + "(?|"
            + alternatives.joined(separator: "|") + "))"
        guard let pattern = try? Pattern(source) else { return nil }
        self.pattern = pattern
        var isMember = [Bool](repeating: false, count: rules.count)
        var memberNumber = [Int](repeating: 0, count: rules.count)
        for (number, index) in members.enumerated() {
            isMember[index] = true
            memberNumber[index] = number + 1
        }
        self.isMember = isMember
        self.memberNumber = memberNumber
        minimumDigits = members.map { rules[$0].minimumDigits }.min() ?? 0
    }
}

/// Records, during one combined search, which members' patterns matched and where each
/// first started; rejects every candidate so that the search goes on. Per worker.
final class CombinedRecorder: CandidateFilter {
    /// At most this many members (one bit each).
    static let maxMembers = 64
    /// Bit `n - 1` is set when member `n` matched.
    private(set) var matched: UInt64 = 0
    /// The first start of each member's match, by callout number.
    private(set) var firstStart = [Int](repeating: 0, count: maxMembers + 1)

    func reset() { matched = 0 }

    /// Whether member `number` matched, and where it first started.
    @inline(__always)
    func start(ofMember number: Int) -> Int? {
        matched & (1 << UInt64(number - 1)) != 0 ? firstStart[number] : nil
    }

    func accepts(_ subject: UnsafeRawBufferPointer, _ range: Range<Int>, callout: Int) -> Bool {
        guard callout >= 1 && callout <= Self.maxMembers else { return false }
        let bit = UInt64(1) << UInt64(callout - 1)
        if matched & bit == 0 {
            matched |= bit
            firstStart[callout] = range.lowerBound
        }
        return false
    }
}

/// A pattern cut into the lookaround assertions it starts with and the rest.
struct LeadingAssertions {
    /// The leading `(?<!…)`, `(?<=…)`, `(?!…)` and `(?=…)` groups, each as written.
    private(set) var assertions: [String] = []
    /// The pattern after them.
    private(set) var rest: String

    /// Cuts `pattern`; `extended`: white space between items is not part of the pattern.
    init(_ pattern: String, extended: Bool) {
        var characters = Substring(pattern)
        while true {
            if extended { characters = characters.drop { $0 == " " || $0 == "\n" || $0 == "\t" } }
            guard characters.hasPrefix("(?<!") || characters.hasPrefix("(?<=")
                    || characters.hasPrefix("(?!") || characters.hasPrefix("(?="),
                  let end = Self.closingParenthesis(characters) else { break }
            assertions.append(String(characters[...end]))
            characters = characters[characters.index(after: end)...]
        }
        rest = String(characters)
    }

    /// The index of the parenthesis closing the group that `text` starts with, skipping
    /// escaped characters and character classes; nil when there is none (or a `#` comment
    /// might hide one).
    private static func closingParenthesis(_ text: Substring) -> Substring.Index? {
        var depth = 0
        var inClass = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\\" {
                index = text.index(after: index)
                if index == text.endIndex { return nil }
            } else if inClass {
                if character == "]" { inClass = false }
            } else if character == "[" {
                inClass = true
                // A `]` right after `[` or `[^` is a literal member.
                var next = text.index(after: index)
                if next < text.endIndex, text[next] == "^" { next = text.index(after: next) }
                if next < text.endIndex, text[next] == "]" { index = next }
            } else if character == "#" {
                return nil
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }
}
