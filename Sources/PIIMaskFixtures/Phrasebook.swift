/// The phrases of one language: plain chat lines, and templates that carry personal data
/// or look-alikes in the places customers and agents put them.
struct Phrasebook: Sendable {
    /// The language the phrases are written in.
    let language: Language
    /// Greetings that may start a message. No digits, no `@`.
    let openers: [Template]
    /// Sign-offs that may end a message. No digits, no `@`.
    let closers: [Template]
    /// Customers' sentences without personal data, digits or `@`: questions, complaints.
    let plain: [Template]
    /// Agents' sentences without personal data, digits or `@`.
    let agent: [Template]
    /// Sentences with exactly one value of the keyed type.
    let pii: [PIIType: [Template]]
    /// Sentences with two personal-data values.
    let pairs: [Template]
    /// Sentences with at least one look-alike of the keyed kind and no personal data.
    let negatives: [NegativeKind: [Template]]

    /// Creates a phrasebook, parsing every template.
    init(
        language: Language, openers: [String], closers: [String], plain: [String],
        agent: [String], pii: [PIIType: [String]], pairs: [String],
        negatives: [NegativeKind: [String]]
    ) {
        self.language = language
        self.openers = openers.map(Template.init)
        self.closers = closers.map(Template.init)
        self.plain = plain.map(Template.init)
        self.agent = agent.map(Template.init)
        self.pii = pii.mapValues { $0.map(Template.init) }
        self.pairs = pairs.map(Template.init)
        self.negatives = negatives.mapValues { $0.map(Template.init) }
    }

    /// The templates for `type`; empty if the language has none (SSNs are US-only, so the
    /// Dutch phrasebook has no SSN sentences).
    func templates(for type: PIIType) -> [Template] {
        pii[type] ?? []
    }

    /// The templates for `kind`; every kind has some in every language.
    func templates(for kind: NegativeKind) -> [Template] {
        guard let templates = negatives[kind], !templates.isEmpty else {
            preconditionFailure("no templates for \(kind.rawValue)")
        }
        return templates
    }
}
