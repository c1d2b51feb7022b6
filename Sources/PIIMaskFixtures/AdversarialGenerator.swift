/// Generates the lines of the `adversarial` profile: the inputs of issue 8 that slow a
/// backtracking engine down or hide values from it, labeled like every other profile.
///
/// Hostile lines (look-alikes, `NegativeKind.hostile` and grouped `tracking` numbers):
/// tracking numbers in groups of four (`pakket 0043 8533 0865 6007 2656 95 staat al sinds
/// 16/01 stil`), digit soup, runs of `+`, `(` and `@`, IBAN-like letter and digit mixes, `+`
/// and 16–20 digits, long runs of grouped digits; a quarter of them end with a sentence
/// holding one true value. Value lines: lists of 2–5 true values (`card 4111111111111111
/// 5555555555554444`, `ssn 123-45-6789 078-05-1121`, `bel 0612345678 0687654321`, mixed),
/// separated by a space or by punctuation, and values after a small number (`amount 25
/// 4111111111111111`). Lines run to a few KB. Every value is drawn fresh from the seed.
enum AdversarialGenerator {
    /// The kinds of line, in the order of `lineWeights`.
    private enum Line: CaseIterable {
        case tracking, digitSoup, symbolRun, ibanLike, plusDigits, digitRun, valueList, afterQuantity
    }

    private static let lineWeights = [16, 12, 10, 12, 10, 8, 20, 12]
    /// Share (per mille) of hostile lines that end with a sentence holding a true value.
    private static let tailShare = 250
    private static let dutchShare = 450

    /// Separators between the values of a list, and their weights: a single space (the
    /// case the engine v1 misses) half of the time.
    private static let listSeparators = [" ", ", ", " / ", "; ", " | ", "  "]
    private static let listSeparatorWeights = [50, 18, 8, 8, 6, 10]

    /// The next message.
    static func message(_ rng: inout SplitMix64) -> LabeledMessage {
        let dutch = rng.chance(dutchShare)
        var builder = MessageBuilder()
        let line = Line.allCases[rng.weighted(lineWeights)]
        switch line {
        case .tracking: trackingLine(&builder, dutch: dutch, &rng)
        case .digitSoup:
            builder.append(rng.pick(dutch ? ["ik zie alleen ", "er staat: ", "foutmelding "]
                                          : ["the screen shows ", "it says ", "error "]))
            builder.append(HostileValueGenerator.generate(.digitSoup, &rng), asNegative: .digitSoup)
        case .symbolRun:
            builder.append(rng.pick(dutch ? ["kijk ", "wat is dit ", "help "] : ["look ", "what is this ", "help "]))
            builder.append(HostileValueGenerator.generate(.symbolRun, &rng), asNegative: .symbolRun)
        case .ibanLike:
            builder.append(rng.pick(dutch ? ["ik kreeg ", "op het formulier staat "] : ["I got ", "the form shows "]))
            appendRepeated(.ibanLike, count: rng.int(in: 1...6), &builder, &rng)
        case .plusDigits:
            builder.append(rng.pick(["hi ", "hallo ", "", "zie "]))
            appendRepeated(.plusDigits, count: rng.chance(800) ? rng.int(in: 1...3) : rng.int(in: 4...60), &builder, &rng)
        case .digitRun:
            builder.append(rng.pick(dutch ? ["de meterstanden: ", "lijst: "] : ["the readings: ", "list: "]))
            builder.append(HostileValueGenerator.generate(.digitRun, &rng), asNegative: .digitRun)
        case .valueList: valueList(&builder, dutch: dutch, &rng)
        case .afterQuantity: afterQuantity(&builder, dutch: dutch, &rng)
        }
        let hostile = line != .valueList && line != .afterQuantity
        if hostile, rng.chance(tailShare) { valueTail(&builder, dutch: dutch, &rng) }
        return builder.build()
    }

    /// `pakket 0043 8533 … staat al sinds 16/01 stil`, or a list of such numbers.
    private static func trackingLine(_ builder: inout MessageBuilder, dutch: Bool, _ rng: inout SplitMix64) {
        builder.append(rng.pick(dutch ? ["pakket ", "mijn zending ", "de pakketten "] : ["parcel ", "my shipment ", "the parcels "]))
        let count = rng.chance(700) ? 1 : rng.int(in: 2...40)
        for index in 0..<count {
            if index > 0 { builder.append(rng.pick([" ", ", ", " en "])) }
            builder.append(HostileValueGenerator.groupedTracking(&rng), asNegative: .tracking)
        }
        builder.append(dutch ? " staat al sinds " : " stuck since ")
        builder.append(HostileValueGenerator.shortDate(&rng), asNegative: .date)
        builder.append(dutch ? " stil" : "")
    }

    /// `count` values of a hostile kind, one space apart.
    private static func appendRepeated(
        _ kind: NegativeKind, count: Int, _ builder: inout MessageBuilder, _ rng: inout SplitMix64
    ) {
        for index in 0..<count {
            if index > 0 { builder.append(" ") }
            builder.append(HostileValueGenerator.generate(kind, &rng), asNegative: kind)
        }
    }

    /// A word naming the list, then 2–5 values of one type (or mixed) with one separator.
    private static func valueList(_ builder: inout MessageBuilder, dutch: Bool, _ rng: inout SplitMix64) {
        let type: PIIType? = rng.chance(200) ? nil : rng.pick(PIIType.classic)
        let english = !dutch || type == .ssn
        builder.append(rng.pick(leadWords(for: type, english: english)))
        let separator = listSeparators[rng.weighted(listSeparatorWeights)]
        for index in 0..<rng.int(in: 2...5) {
            if index > 0 { builder.append(separator) }
            let valueType = type ?? rng.pick([PIIType.card, .phone, .iban, .email, .ssn])
            appendValue(valueType, spaced: separator != " " && separator != "  ", english: english, &builder, &rng)
        }
    }

    /// `amount 25 4111111111111111`: a small number, a space, then one or two values.
    private static func afterQuantity(_ builder: inout MessageBuilder, dutch: Bool, _ rng: inout SplitMix64) {
        builder.append(rng.pick(dutch ? ["bedrag ", "aantal ", "totaal "] : ["amount ", "qty ", "items "]))
        builder.append(HostileValueGenerator.generate(.quantity, &rng), asNegative: .quantity)
        for _ in 0..<(rng.chance(750) ? 1 : 2) {
            builder.append(" ")
            appendValue(rng.pick(PIIType.classic), spaced: false, english: !dutch, &builder, &rng)
        }
    }

    /// `. Bel me op …`: a sentence with one value after the hostile part.
    private static func valueTail(_ builder: inout MessageBuilder, dutch: Bool, _ rng: inout SplitMix64) {
        let type = rng.pick(dutch ? [PIIType.phone, .email, .card, .iban] : PIIType.classic)
        builder.append(". ")
        builder.append(rng.pick(tailWords(for: type, dutch: dutch)))
        switch type {
        case .phone: builder.append(PhoneGenerator.generate(&rng, language: dutch ? .dutch : .english), as: .phone)
        case .email: builder.append(EmailGenerator.generate(&rng), as: .email)
        case .card: builder.append(CardGenerator.valid(&rng), as: .card)
        case .iban: builder.append(IBANGenerator.valid(&rng, language: dutch ? .dutch : .english), as: .iban)
        case .ssn: builder.append(SSNGenerator.valid(&rng), as: .ssn)
        case .bsn: builder.append(BSNGenerator.compact(&rng), as: .bsn)
        }
    }

    /// Appends one value of `type`. Unless `spaced`, in a form without spaces (a list
    /// separated by spaces must stay readable as a list); SSNs always with dashes, the form
    /// that needs no context word.
    private static func appendValue(
        _ type: PIIType, spaced: Bool, english: Bool, _ builder: inout MessageBuilder, _ rng: inout SplitMix64
    ) {
        let language: Language = english ? .english : .dutch
        let value: String
        switch type {
        case .phone: value = PhoneGenerator.compact(&rng, language: language)
        case .email: value = EmailGenerator.generate(&rng)
        case .card: value = spaced ? CardGenerator.valid(&rng) : CardGenerator.validUnspaced(&rng)
        case .iban: value = spaced ? IBANGenerator.valid(&rng, language: language) : IBANGenerator.validCompact(&rng, language: language)
        case .ssn: value = SSNGenerator.validDashed(&rng)
        case .bsn: value = BSNGenerator.compact(&rng)
        }
        builder.append(value, as: type)
    }

    /// Words before a list: none of them a reference word that cancels a phone.
    private static func leadWords(for type: PIIType?, english: Bool) -> [String] {
        switch (type, english) {
        case (.card, false): return ["kaart ", "kaarten: ", "creditcards "]
        case (.card, true): return ["card ", "cards: ", "my cards "]
        case (.phone, false): return ["bel ", "nummers: ", "bereikbaar op "]
        case (.phone, true): return ["call ", "numbers: ", "phones "]
        case (.iban, _): return ["iban ", "IBANs: "]
        case (.email, false): return ["mail ", "mailadressen: "]
        case (.email, true): return ["mail ", "emails: "]
        case (.ssn, _): return ["ssn ", "SSNs: ", "social security numbers "]
        case (.bsn, _): return ["bsn ", "BSN's: "]
        case (nil, false): return ["gegevens: ", "hier: "]
        case (nil, true): return ["details: ", "here: "]
        }
    }

    /// Words before the value of a tail sentence.
    private static func tailWords(for type: PIIType, dutch: Bool) -> [String] {
        switch (type, dutch) {
        case (.phone, true): return ["Bel me op ", "Mijn nummer is "]
        case (.phone, false): return ["Call me on ", "My number is "]
        case (.email, true): return ["Mail naar ", "Mijn mail is "]
        case (.email, false): return ["Email me at ", "My email is "]
        case (.card, true): return ["Mijn kaart is ", "Kaartnummer "]
        case (.card, false): return ["My card is ", "Card "]
        case (.iban, true): return ["Mijn IBAN is ", "Graag terug naar "]
        case (.iban, false): return ["My IBAN is ", "Refund to "]
        case (.ssn, _): return ["My SSN is ", "SSN "]
        case (.bsn, _): return ["Mijn BSN is ", "BSN "]
        }
    }
}
