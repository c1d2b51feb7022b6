/// A labeled piece of personal data inside a message.
///
/// `start` and `end` are **UTF-8 byte offsets** into the message text: the value is
/// `Array(text.utf8)[start..<end]`. They are not character or UTF-16 offsets.
public struct PIISpan: Equatable, Sendable {
    /// What kind of personal data the span holds.
    public let type: PIIType
    /// The byte offset of the first byte of the value.
    public let start: Int
    /// The byte offset just past the last byte of the value.
    public let end: Int
    /// The format family of the value (`card.dots`, `email.spelled-out`, …), or `nil` where
    /// the generator does not name one (the `chat`, `digits`, `pii-dense` and
    /// `adversarial` profiles).
    public let family: String?

    /// Creates a span of `type` covering the bytes `start..<end`.
    public init(type: PIIType, start: Int, end: Int, family: String? = nil) {
        self.type = type
        self.start = start
        self.end = end
        self.family = family
    }
}

/// A planted look-alike inside a message: not personal data, listed so that a tool can
/// measure how many survive masking. Offsets are UTF-8 byte offsets, as in `PIISpan`.
public struct NegativeSpan: Equatable, Sendable {
    /// What kind of look-alike the span holds.
    public let kind: NegativeKind
    /// The byte offset of the first byte of the value.
    public let start: Int
    /// The byte offset just past the last byte of the value.
    public let end: Int
    /// The look-alike family (`card.lookalike-luhn-invalid`, …), or `nil` where the
    /// generator does not name one.
    public let family: String?

    /// Creates a span of `kind` covering the bytes `start..<end`.
    public init(kind: NegativeKind, start: Int, end: Int, family: String? = nil) {
        self.kind = kind
        self.start = start
        self.end = end
        self.family = family
    }
}
