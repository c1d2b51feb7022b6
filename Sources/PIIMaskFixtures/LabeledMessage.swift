/// One chat message with the personal data in it and the look-alikes planted in it.
public struct LabeledMessage: Equatable, Sendable {
    /// The message text; never contains a line break.
    public let text: String
    /// The personal data in `text`, in order of appearance.
    public let pii: [PIISpan]
    /// The look-alikes in `text` that must not be masked, in order of appearance.
    public let negatives: [NegativeSpan]

    /// Creates a message from its text and spans (offsets are UTF-8 bytes into `text`).
    public init(text: String, pii: [PIISpan], negatives: [NegativeSpan]) {
        self.text = text
        self.pii = pii
        self.negatives = negatives
    }
}
