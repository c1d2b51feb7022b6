/// Assembles a message piece by piece and records the UTF-8 byte offsets of the labeled
/// values as they are appended, so the offsets can never drift from the text.
public struct MessageBuilder: Sendable {
    private var text = ""
    private var pii: [PIISpan] = []
    private var negatives: [NegativeSpan] = []

    /// Creates an empty builder.
    public init() {}

    /// The number of UTF-8 bytes appended so far.
    public var byteCount: Int { text.utf8.count }

    /// Appends unlabeled text.
    public mutating func append(_ literal: String) {
        text += literal
    }

    /// Appends `value` and labels it as personal data of `type`, of format `family` if given.
    public mutating func append(_ value: String, as type: PIIType, family: String? = nil) {
        let start = byteCount
        text += value
        pii.append(PIISpan(type: type, start: start, end: byteCount, family: family))
    }

    /// Appends `value` and records it as a look-alike of `kind`, of `family` if given.
    public mutating func append(_ value: String, asNegative kind: NegativeKind, family: String? = nil) {
        let start = byteCount
        text += value
        negatives.append(NegativeSpan(kind: kind, start: start, end: byteCount, family: family))
    }

    /// Appends the text of `message` with its labels, moved to where the text lands.
    public mutating func append(_ message: LabeledMessage) {
        let offset = byteCount
        text += message.text
        pii += message.pii.map {
            PIISpan(type: $0.type, start: $0.start + offset, end: $0.end + offset, family: $0.family)
        }
        negatives += message.negatives.map {
            NegativeSpan(kind: $0.kind, start: $0.start + offset, end: $0.end + offset, family: $0.family)
        }
    }

    /// Appends a single space unless the message is still empty.
    public mutating func separate() {
        if !text.isEmpty { text += " " }
    }

    /// Returns the message built so far.
    public func build() -> LabeledMessage {
        LabeledMessage(text: text, pii: pii, negatives: negatives)
    }
}
