/// Generates labeled chat messages for a profile from a seed. The same profile and seed
/// give the same messages on every run and machine.
///
/// The sequence is endless; take what you need with `prefix(_:)` or `next()`.
public struct CorpusGenerator: Sequence, IteratorProtocol, Sendable {
    private var rng: SplitMix64
    private let profile: Profile
    /// The chat profiles' proportions; `nil` for `adversarial` and `formats`.
    private let mix: ProfileMix?

    /// Share (per mille) of messages written in Dutch; the rest are English.
    private static let dutchShare = 450
    private static let openerShare = 250
    private static let closerShare = 180
    /// Share (per mille) of plain messages written by an agent.
    private static let agentShare = 350

    /// Creates a generator for `profile` whose output is fixed by `seed`.
    public init(profile: Profile, seed: UInt64) {
        rng = SplitMix64(seed: seed)
        self.profile = profile
        mix = profile.mix
    }

    /// Returns the next message; never `nil`.
    public mutating func next() -> LabeledMessage? {
        message()
    }

    /// Returns the next message.
    public mutating func message() -> LabeledMessage {
        guard let mix else {
            return profile == .formats ? FormatCorpusGenerator.message(&rng) : AdversarialGenerator.message(&rng)
        }
        var builder = MessageBuilder()
        switch rng.weighted([mix.piiLines, mix.negativeLines, mix.plainLines]) {
        case 0: piiLine(&builder, mix: mix)
        case 1: negativeLine(&builder, book: pickBook(), mix: mix)
        default: plainLine(&builder, book: pickBook())
        }
        return builder.build()
    }

    private mutating func pickBook() -> Phrasebook {
        rng.chance(Self.dutchShare) ? DutchPhrasebook.book : EnglishPhrasebook.book
    }

    private mutating func piiType(_ mix: ProfileMix) -> PIIType {
        PIIType.allCases[rng.weighted(mix.typeWeights)]
    }

    private mutating func negativeKind(_ mix: ProfileMix) -> NegativeKind {
        NegativeKind.chat[rng.weighted(mix.negativeWeights)]
    }

    private mutating func piiLine(_ builder: inout MessageBuilder, mix: ProfileMix) {
        let first = piiType(mix)
        var second: PIIType? = nil
        if rng.chance(mix.secondPII) {
            // Two values of one type (two SSNs, two cards) are rare in one message: redraw once.
            var type = piiType(mix)
            if type == first { type = piiType(mix) }
            second = type
        }
        var book = pickBook()
        // SSNs are a US identifier, so lines that carry one are written in English.
        if first == .ssn || second == .ssn { book = EnglishPhrasebook.book }

        var sentences: [Template] = []
        if let second {
            if rng.chance(250) {
                sentences.append(rng.pick(book.pairs))
            } else {
                sentences.append(rng.pick(book.templates(for: first)))
                sentences.append(rng.pick(book.templates(for: second)))
            }
        } else {
            sentences.append(rng.pick(book.templates(for: first)))
        }
        if rng.chance(mix.extraNegative) {
            let extra = rng.pick(book.templates(for: negativeKind(mix)))
            sentences.insert(extra, at: rng.chance(500) ? 0 : sentences.count)
        }
        compose(&builder, sentences: sentences, book: book)
    }

    private mutating func negativeLine(
        _ builder: inout MessageBuilder, book: Phrasebook, mix: ProfileMix
    ) {
        var sentences = [rng.pick(book.templates(for: negativeKind(mix)))]
        if rng.chance(150) {
            sentences.append(rng.pick(book.templates(for: negativeKind(mix))))
        }
        if rng.chance(300) {
            sentences.insert(rng.pick(book.plain), at: rng.chance(500) ? 0 : sentences.count)
        }
        compose(&builder, sentences: sentences, book: book)
    }

    private mutating func plainLine(_ builder: inout MessageBuilder, book: Phrasebook) {
        // A message comes from a customer or from an agent, never from both.
        let pool = rng.chance(Self.agentShare) ? book.agent : book.plain
        var sentences = [rng.pick(pool)]
        if rng.chance(450) {
            sentences.append(rng.pick(pool))
        }
        compose(&builder, sentences: sentences, book: book)
    }

    /// Writes an optional greeting, the sentences and an optional sign-off.
    private mutating func compose(
        _ builder: inout MessageBuilder, sentences: [Template], book: Phrasebook
    ) {
        if rng.chance(Self.openerShare) {
            fill(rng.pick(book.openers), into: &builder, language: book.language)
        }
        for sentence in sentences {
            fill(sentence, into: &builder, language: book.language)
        }
        if rng.chance(Self.closerShare) {
            fill(rng.pick(book.closers), into: &builder, language: book.language)
        }
    }

    private mutating func fill(
        _ template: Template, into builder: inout MessageBuilder, language: Language
    ) {
        builder.separate()
        for part in template.parts {
            switch part {
            case .literal(let text):
                builder.append(text)
            case .slot(.name):
                builder.append(rng.pick(language == .dutch ? Names.dutchFirst : Names.englishFirst))
            case .slot(.pii(let type)):
                builder.append(value(of: type, language: language), as: type)
            case .slot(.negative(let kind)):
                builder.append(NegativeGenerator.generate(kind, &rng, language: language), asNegative: kind)
            }
        }
    }

    private mutating func value(of type: PIIType, language: Language) -> String {
        switch type {
        case .phone: return PhoneGenerator.generate(&rng, language: language)
        case .email: return EmailGenerator.generate(&rng)
        case .card: return CardGenerator.valid(&rng)
        case .iban: return IBANGenerator.valid(&rng, language: language)
        case .ssn: return SSNGenerator.valid(&rng)
        case .bsn: return BSNGenerator.compact(&rng)
        }
    }
}
