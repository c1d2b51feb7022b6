/// A finding reported by `piimask scan`: where it is and what it is, with its masked form,
/// never the raw value.
public struct ScanFinding: Sendable {
    /// The 1-based input line.
    public let line: Int
    /// The field category whose policy found it.
    public let field: String
    /// For NDJSON input, the JSON path of the string value (nil for text).
    public let path: String?
    /// The data type.
    public let type: String
    /// The id of the rule that matched (empty for an undecided value).
    public let ruleID: String
    /// The byte range in the line (text), in the decoded string value, or in the digits of
    /// an integer value (NDJSON).
    public let range: Range<Int>
    /// For NDJSON input, the byte range of the JSON string (or integer) in the line.
    public let valueRange: Range<Int>?
    /// The finding's text as the mask writes it.
    public let masked: [UInt8]
}
