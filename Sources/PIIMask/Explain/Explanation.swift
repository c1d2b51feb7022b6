/// Why a part of a value was or was not masked: the candidates found there, the rules asked
/// about each, and what each rule decided and why (`Masker.explain`).
///
/// Holds byte offsets, rule ids, masked forms and words of the rule files only — never the
/// input's bytes — so it is safe to return, print or log.
public struct Explanation: Sendable {
    /// The part of the value asked about (byte offsets into its UTF-8).
    public let range: Range<Int>
    /// The field category whose rules were asked.
    public let field: String
    /// What masking the whole value masks in or across `range`.
    public let masked: [MaskedFinding]
    /// The candidates in or across `range`, in order, each with the rules asked about it.
    public let candidates: [ExplainedCandidate]
    /// The rules that were not asked about any candidate there, and why not.
    public let notAsked: [RuleDecision]
}

/// One candidate the engine hands rules: a digit run (or the part of it asked about), an
/// IBAN-like string, an e-mail site, or a match of a `search` rule's pattern.
public struct ExplainedCandidate: Sendable {
    /// `digits`, `iban`, `email` or `search` (see `CandidateKind`).
    public let kind: String
    /// Its byte range.
    public let range: Range<Int>
    /// The digits it holds (digit runs and IBAN-like strings; 0 otherwise).
    public let digits: Int
    /// What each rule asked decided, highest priority first.
    public let decisions: [RuleDecision]
}

/// What one rule decided about one candidate.
public struct RuleDecision: Sendable {
    /// `masked`: the rule's finding is masked; `matched`: the rule accepted it, but another
    /// finding or check won; `declined`: the rule did not accept it; `not_asked`.
    public enum Outcome: String, Sendable {
        case masked, matched, declined
        case notAsked = "not_asked"
    }

    /// Why, as a stable code.
    public enum Reason: String, Sendable {
        /// Accepted and masked.
        case masked
        /// Accepted, but a higher-priority rule took the span (or overlapped it).
        case lostToHigherPriority = "lost_to_higher_priority"
        /// The candidate's shape is a look-alike's: glued into a longer code, a stretch of a
        /// longer number, an IBAN-like string with letters where an IBAN has none.
        case lookAlikeShape = "look_alike_shape"
        /// The candidate holds more or fewer digits than the rule takes.
        case digitCount = "digit_count"
        /// The pattern cannot start with the candidate's first byte.
        case startByte = "start_byte"
        /// None of the rule's `require` words stands in its window before the candidate
        /// (nor an `after` word after it).
        case noContextWord = "no_context_word"
        /// The required word is there, but a digit stands between it and the candidate.
        case digitBetween = "digit_between"
        /// A `deny` word stands nearer to the candidate than any `require` or `allow` word.
        case denyWordNearer = "deny_word_nearer"
        /// The rule's validator (checksum, registry, length, numbering plan) refused it.
        case validatorFailed = "validator_failed"
        /// The pattern does not match it.
        case patternNoMatch = "pattern_no_match"
        /// An allow entry lists the value: written unchanged.
        case allowed
        /// The field category masks only a match spanning the whole value.
        case wholeValue = "whole_value"
        /// The pattern hit PCRE2's match limit: the whole value is masked (fail closed).
        case matchLimit = "match_limit"
        /// The field category does not detect the rule's type.
        case notDetected = "not_detected"
        /// No candidate of the rule's kind is in or across the part asked about.
        case noCandidate = "no_candidate"
        /// The rule is disabled.
        case disabled
    }

    /// The rule's id and type.
    public let ruleID: String
    public let type: String
    /// What it decided.
    public let outcome: Outcome
    public let reason: Reason
    /// The reason in words: rule-file words, offsets and counts, never the input's bytes.
    public let detail: String
}
