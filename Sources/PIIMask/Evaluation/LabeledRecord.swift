/// One message of a labeled corpus: its text, the personal data in it, and the planted
/// look-alikes that must not be masked.
///
/// Offsets are UTF-8 byte offsets into `text`: a span is `text.utf8[start..<end]`.
/// The text is personal data; never print it.
public struct LabeledRecord: Sendable, Hashable {
    /// A labeled span of personal data.
    public struct Span: Sendable, Hashable {
        /// The data type (`phone`, `email`, `card`, `iban`, `ssn`, or a user type).
        public var type: String
        /// The UTF-8 byte range in the record's text.
        public var range: Range<Int>
        /// The format family (`card.dots`, `email.spelled-out`, …); nil when the corpus
        /// names none.
        public var family: String?

        /// Creates a span.
        public init(type: String, range: Range<Int>, family: String? = nil) {
            self.type = type
            self.range = range
            self.family = family
        }
    }

    /// A labeled look-alike: text shaped like personal data that must not be masked.
    public struct Negative: Sendable, Hashable {
        /// What it is (`order`, `date`, `luhn_invalid`, …).
        public var kind: String
        /// The UTF-8 byte range in the record's text.
        public var range: Range<Int>
        /// The look-alike family (`card.lookalike-luhn-invalid`, …); nil when the corpus
        /// names none.
        public var family: String?

        /// Creates a look-alike.
        public init(kind: String, range: Range<Int>, family: String? = nil) {
            self.kind = kind
            self.range = range
            self.family = family
        }
    }

    /// The message.
    public var text: String
    /// The personal data in the message.
    public var pii: [Span]
    /// The look-alikes in the message.
    public var negatives: [Negative]
    /// The 1-based line of the corpus file the record was read from, when it was read from one.
    public var line: Int?

    /// Creates a record.
    ///
    /// ```swift
    /// let record = LabeledRecord(text: "bel 06-12345678",
    ///                            pii: [.init(type: "phone", range: 4..<15)])
    /// ```
    public init(text: String, pii: [Span] = [], negatives: [Negative] = [], line: Int? = nil) {
        self.text = text
        self.pii = pii
        self.negatives = negatives
        self.line = line
    }
}
