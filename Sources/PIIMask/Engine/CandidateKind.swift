/// Which candidates the engine finds for a rule, in one linear pass per value, and how the
/// rule's pattern is matched on them (README, "How a rule matches").
public enum CandidateKind: String, Sendable, CaseIterable {
    /// Runs of digits with their separators (space, tab, `-`, `.`, `/`, brackets, a leading
    /// `+`). The pattern must match a span of whole digit groups exactly, from its first
    /// to its last byte (anchored at both ends); lookbehinds see the text before it.
    case digits
    /// Letter-and-digit strings that start with two letters and two digits, in groups
    /// separated by single spaces. The pattern must match the string from its start to the
    /// end of one of its groups exactly.
    case iban
    /// Sites around `@`. The pattern is matched anchored at the start of the local part
    /// (the run of `[A-Za-z0-9._%+-]` and non-ASCII bytes before the `@`, at most 64
    /// bytes); where the match ends is the pattern's to say.
    case email
    /// A free PCRE2 search over the whole value, for user patterns that fit no candidate
    /// kind. Bounded by the match limit per value only: a value whose search hits it is
    /// masked whole (fail closed).
    case search
}
