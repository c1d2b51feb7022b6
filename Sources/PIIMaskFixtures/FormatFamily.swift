/// The format families of the `formats` profile: each is one way people write a value of
/// one type (the raw value is the `family` written in JSON, `type.how`).
public enum FormatFamily: String, CaseIterable, Sendable {
    /// A card whose issuer prefix is in no brand's table (`35xx` outside JCB's 3528–3589).
    case cardUnusualPrefix = "card.unusual-prefix"
    /// A real brand's card in its grouping with spaces.
    case cardGrouped = "card.grouped"
    /// Two grouped cards one space apart (two spans).
    case cardPair = "card.pair"
    /// Groups separated by dots.
    case cardDots = "card.dots"
    /// Groups separated by two spaces.
    case cardDoubleSpace = "card.double-space"
    /// Groups separated by no-break spaces (U+00A0).
    case cardNoBreakSpace = "card.nbsp"
    /// Groups separated by thin spaces (U+2009).
    case cardThinSpace = "card.thin-space"
    /// Groups separated by narrow no-break spaces (U+202F).
    case cardNarrowNoBreakSpace = "card.narrow-nbsp"
    /// Groups separated by tabs.
    case cardTab = "card.tab"
    /// Groups separated by slashes.
    case cardSlash = "card.slash"
    /// Groups separated by underscores.
    case cardUnderscore = "card.underscore"

    /// A national number with its area code in brackets: `(030)-2345678`, `(0161) 4961234`.
    case phoneBracketedArea = "phone.bracketed-area"
    /// A national format of a Latin American country: `11 3456-7890`, `55 1234 5678`.
    case phoneNationalLatinAmerica = "phone.national-latam"
    /// A Turkish national format: `0532 123 45 67`.
    case phoneNationalTurkey = "phone.national-tr"
    /// A national format of an African country: `082 123 4567`, `0803 123 4567`.
    case phoneNationalAfrica = "phone.national-africa"
    /// A national format of an Asian country: `03-1234-5678`, `0917 123 4567`.
    case phoneNationalAsia = "phone.national-asia"
    /// A bare 10-digit number after a phone word with other words or an e-mail between.
    case phoneWordGap = "phone.word-gap"
    /// A number with an extension (`ext. 12`, `toestel 12`, `x123`), extension included.
    case phoneExtension = "phone.extension"
    /// The number of a `wa.me/` or `tel:` link (the number only, not the URL).
    case phoneLink = "phone.link"
    /// A spaced dash after the trunk prefix or area code: `06 - 12345678`.
    case phoneSpacedDash = "phone.spaced-dash"

    /// Groups of four joined by dashes.
    case ibanDashes = "iban.dashes"
    /// Lower case, compact or in groups.
    case ibanLowercase = "iban.lowercase"
    /// Groups of four joined by no-break spaces.
    case ibanNoBreakSpace = "iban.nbsp"

    /// A local part of one letter: `q@example.org`.
    case emailOneLetter = "email.one-letter"
    /// A Punycode (`xn--`) domain or top-level domain.
    case emailPunycode = "email.punycode"
    /// A domain or top-level domain in Unicode: `ivan@пример.рф`.
    case emailUnicodeDomain = "email.unicode-domain"
    /// A quoted local part: `"jan de vries"@ziggo.nl`.
    case emailQuotedLocal = "email.quoted-local"
    /// A full-width at sign (U+FF20): `jan＠ziggo.nl`.
    case emailFullwidthAt = "email.fullwidth-at"
    /// A percent-encoded `@` in a URL: `?email=jan%40ziggo.nl` (the address only).
    case emailPercentAt = "email.percent-40"
    /// Spelled out: `jan at ziggo dot nl`.
    case emailSpelledOut = "email.spelled-out"
    /// `[at]`/`(at)` with `[dot]`/`(dot)` or plain dots: `jan[at]ziggo[dot]nl`.
    case emailBracketedAt = "email.bracketed-at"
    /// Spaces around the `@`: `jan @ ziggo.nl`.
    case emailSpacedAt = "email.spaced-at"

    /// Digits written full-width (U+FF10–FF19).
    case obfuscationFullwidthDigits = "obfuscation.fullwidth-digits"
    /// Digits written Arabic-Indic (U+0660–0669) or Eastern Arabic-Indic (U+06F0–06F9).
    case obfuscationArabicIndicDigits = "obfuscation.arabic-indic"
    /// Zero-width spaces or joiners (U+200B–200D, U+2060) inside the value.
    case obfuscationZeroWidth = "obfuscation.zero-width"
    /// No-break, thin or narrow no-break spaces as separators.
    case obfuscationUnicodeSpace = "obfuscation.unicode-space"
    /// Unicode dashes (U+2010–2015, U+2212) as separators.
    case obfuscationUnicodeDash = "obfuscation.unicode-dash"

    /// An SSN with dots: `123.45.6789`.
    case ssnDots = "ssn.dots"
    /// An SSN with slashes: `123/45/6789`.
    case ssnSlashes = "ssn.slashes"

    /// A compact BSN after an identity word (`bsn`, `burgerservicenummer`, `sofinummer`).
    case bsnContext = "bsn.context"
    /// A BSN in the `1234.56.782` notation (or with spaces) after an identity word.
    case bsnGrouped = "bsn.grouped"
    /// A compact BSN with no identity word and no reference word before it.
    case bsnCompact = "bsn.compact"

    /// The type of the values of this family; nil for `obfuscation.*`, whose type is drawn
    /// per value.
    var type: PIIType? {
        switch rawValue.prefix(while: { $0 != "." }) {
        case "card": return .card
        case "phone": return .phone
        case "iban": return .iban
        case "email": return .email
        case "ssn": return .ssn
        case "bsn": return .bsn
        default: return nil
        }
    }
}

/// The look-alike families of the `formats` profile: values that must stay, named after
/// the family of personal data they resemble (the raw value is the `family` in JSON).
public enum LookalikeFamily: String, CaseIterable, Sendable {
    /// A 9-digit order or invoice number after its reference word that passes the 11-proof.
    case bsnOrder = "bsn.lookalike-order"
    /// A 10-digit ticket or case number after its reference word.
    case phoneTicket = "phone.lookalike-ticket"
    /// A date with dots, spaces or Unicode dashes.
    case phoneDate = "phone.lookalike-date"
    /// An amount with its currency, thousands grouped by (no-break) spaces or dots.
    case phoneAmount = "phone.lookalike-amount"
    /// A software version or build number.
    case phoneVersion = "phone.lookalike-version"
    /// An IPv4 address.
    case phoneIPv4 = "phone.lookalike-ipv4"
    /// A 16-digit number that fails Luhn, without a card word, grouped in any separator.
    case cardLuhnInvalid = "card.lookalike-luhn-invalid"
    /// An SSN-shaped number that breaks the SSN rules, with dots or slashes.
    case ssnInvalid = "ssn.lookalike-invalid"
    /// An IBAN-shaped string with wrong check digits, with dashes or in lower case.
    case ibanBadCheck = "iban.lookalike-badcheck"
    /// Prose with `at` and `dot` that is no address: `I'm at home dot dot dot`.
    case emailProse = "email.lookalike-prose"
    /// A time after `at`: `meet at 5`.
    case emailAtTime = "email.lookalike-at-time"

    /// The look-alike kind its spans carry.
    var kind: NegativeKind {
        switch self {
        case .bsnOrder: return .order
        case .phoneTicket: return .ticket
        case .phoneDate: return .date
        case .phoneAmount: return .amount
        case .phoneVersion: return .version
        case .phoneIPv4: return .ipv4
        case .cardLuhnInvalid: return .luhnInvalid
        case .ssnInvalid: return .ssnInvalid
        case .ibanBadCheck: return .ibanBadCheck
        case .emailProse: return .proseAt
        case .emailAtTime: return .time
        }
    }
}
