/// A reason an outgoing agent message cannot be sent as it is, and where in it: never the text.
public struct ComposerFinding: Sendable, Equatable {
    /// What is wrong.
    public enum Reason: Sendable, Equatable {
        /// The message has `length` characters (Unicode scalars); the composer takes `limit`.
        case tooLong(length: Int, limit: Int)
        /// A character the composer reserves (for template parameters).
        case reservedCharacter(Unicode.Scalar)
        /// PII the message's field category does not allow: its data type and the rule that found it.
        case pii(type: String, ruleID: String)
    }

    /// What is wrong.
    public let reason: Reason
    /// Where, in Unicode scalars from the start of the text (for `tooLong`: the characters
    /// beyond the limit).
    public let characters: Range<Int>
    /// Where, in bytes of the text's UTF-8 form.
    public let bytes: Range<Int>
}
