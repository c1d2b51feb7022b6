/// A corpus profile: the mix of plain lines, lines with look-alikes and lines with
/// personal data.
public enum Profile: String, CaseIterable, Sendable {
    /// Live chat as it is: about 10% of lines carry personal data, about 30% hold a digit
    /// or `@`, the rest is plain text.
    case chat
    /// Digit-heavy traffic: about 70% of lines hold digits (look-alikes and personal data).
    case digits
    /// Nearly every line carries one or two personal-data values plus look-alikes, for
    /// measuring recall per type.
    case piiDense = "pii-dense"
    /// Hostile input for the engine (see `AdversarialGenerator`): tracking numbers in
    /// groups of four, digit soup, runs of `+`, `(` and `@`, IBAN-like mixes, `+` and 16–20
    /// digits, long digit runs, and lists of true values separated by spaces or after a
    /// small number; lines up to a few KB.
    case adversarial
    /// One value per line of a format family of issue 9 (`FormatFamily`: cards with odd
    /// prefixes or separators, foreign national phones, extensions, links, spelled-out and
    /// Unicode e-mails, obfuscated digits, dotted SSNs, BSNs) or a look-alike of a
    /// `LookalikeFamily`; every span carries its family (see `FormatCorpusGenerator`).
    case formats

    /// The proportions this profile draws with; `nil` for `adversarial` and `formats`,
    /// which have generators of their own.
    var mix: ProfileMix? {
        switch self {
        case .adversarial, .formats:
            return nil
        case .chat:
            return ProfileMix(
                piiLines: 100, negativeLines: 200, plainLines: 700,
                secondPII: 150, extraNegative: 200,
                typeWeights: [40, 30, 10, 12, 8], negativeWeights: ProfileMix.chatNegatives)
        case .digits:
            return ProfileMix(
                piiLines: 250, negativeLines: 450, plainLines: 300,
                secondPII: 200, extraNegative: 400,
                typeWeights: [40, 30, 10, 12, 8], negativeWeights: ProfileMix.chatNegatives)
        case .piiDense:
            return ProfileMix(
                piiLines: 920, negativeLines: 80, plainLines: 0,
                secondPII: 400, extraNegative: 600,
                typeWeights: [30, 18, 20, 20, 12],
                negativeWeights: Array(repeating: 1, count: NegativeKind.chat.count))
        }
    }
}

/// The proportions of a profile. Shares are per mille; weights are relative.
struct ProfileMix: Sendable {
    /// Share of lines with personal data (and possibly look-alikes).
    let piiLines: Int
    /// Share of lines with look-alikes only.
    let negativeLines: Int
    /// Share of lines with neither digits nor `@`.
    let plainLines: Int
    /// Share of personal-data lines that carry a second value.
    let secondPII: Int
    /// Share of personal-data lines that also carry a look-alike sentence.
    let extraNegative: Int
    /// Weights of the personal-data types, in `PIIType.allCases` order.
    let typeWeights: [Int]
    /// Weights of the look-alike kinds, in `NegativeKind.chat` order.
    let negativeWeights: [Int]

    /// Look-alike weights of ordinary chat: order numbers, dates, times and amounts come
    /// up most (`NegativeKind.chat` order).
    static let chatNegatives = [14, 8, 8, 10, 10, 10, 5, 4, 4, 5, 5, 4, 4, 4, 3, 3, 4]
}
