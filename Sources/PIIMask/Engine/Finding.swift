/// One piece of detected PII in a value: its type, the rule that found it, and where.
///
/// Never holds the raw value, so it is safe to log or report.
public struct Finding: Sendable, Hashable {
    /// The data type (`phone`, `email`, `card`, `iban`, `ssn`, a user type, or `undecided`
    /// when a rule hit PCRE2's match limit and the whole value was masked).
    public let type: String
    /// The id of the rule that matched.
    public let ruleID: String
    /// The byte range in the value's UTF-8 bytes.
    public let range: Range<Int>

    /// Creates a finding.
    public init(type: String, ruleID: String, range: Range<Int>) {
        self.type = type
        self.ruleID = ruleID
        self.range = range
    }

    /// The type a finding has when a rule could not decide (match limit): fail closed.
    public static let undecidedType = "undecided"
}
