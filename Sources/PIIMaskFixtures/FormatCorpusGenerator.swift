import Foundation

/// Generates the lines of the `formats` profile: every line carries one value of a format
/// family (`FormatFamily`, drawn evenly) or one look-alike of a look-alike family
/// (`LookalikeFamily`), after the words people put before it, in English or Dutch. Every
/// labeled span carries its family.
///
/// Spans cover the value as it stands in the text, obfuscation included (zero-width
/// characters, full-width digits); the URL of a `wa.me/` or `tel:` link and the `?email=`
/// of a URL are outside the span.
enum FormatCorpusGenerator {
    /// Share (per mille) of lines with a look-alike only.
    private static let lookalikeShare = 250
    /// Share (per mille) of value lines that also carry a look-alike sentence.
    private static let extraLookalikeShare = 250
    private static let openerShare = 200
    private static let closerShare = 150

    /// The next message.
    static func message(_ rng: inout SplitMix64) -> LabeledMessage {
        var builder = MessageBuilder()
        var language: Language = rng.chance(500) ? .dutch : .english
        let family: FormatFamily? = rng.chance(lookalikeShare) ? nil : rng.pick(FormatFamily.allCases)
        // SSNs are a US identifier: their lines are English.
        if family?.type == .ssn { language = .english }
        let book = language == .dutch ? DutchPhrasebook.book : EnglishPhrasebook.book
        if rng.chance(openerShare) { plain(rng.pick(book.openers), language: language, &builder, &rng) }
        if let family {
            value(family, language: language, &builder, &rng)
            if rng.chance(extraLookalikeShare) {
                lookalike(rng.pick(LookalikeFamily.allCases), language: language, &builder, &rng)
            }
        } else {
            lookalike(rng.pick(LookalikeFamily.allCases), language: language, &builder, &rng)
        }
        if rng.chance(closerShare) { plain(rng.pick(book.closers), language: language, &builder, &rng) }
        return builder.build()
    }

    /// A sentence: `pattern` with each `{}` replaced by the next value, labeled.
    private static func sentence(
        _ pattern: String, _ values: [(text: String, type: PIIType, family: FormatFamily)],
        _ builder: inout MessageBuilder
    ) {
        builder.separate()
        let pieces = pattern.components(separatedBy: "{}")
        precondition(pieces.count == values.count + 1, "pattern \(pattern) needs \(values.count) values")
        for (index, piece) in pieces.enumerated() {
            builder.append(piece)
            if index < values.count {
                builder.append(values[index].text, as: values[index].type, family: values[index].family.rawValue)
            }
        }
    }

    /// Words that stand before a value of `type`, `{}` where the value goes.
    private static func contexts(_ type: PIIType, _ language: Language) -> [String] {
        switch (type, language) {
        case (.card, .english):
            return ["My card number is {}.", "card: {}", "Please charge my credit card {} today.",
                    "creditcard {} please", "The card is {}, it expires next year."]
        case (.card, .dutch):
            return ["Mijn kaartnummer is {}.", "kaart: {}", "Graag afschrijven van creditcard {}.",
                    "mijn creditcard is {}", "Het kaartnummer: {}"]
        case (.phone, .english):
            return ["Call me on {}.", "my phone number is {}", "phone: {}", "You can reach me at {}, thanks.",
                    "mobile {}", "Please ring {} tomorrow."]
        case (.phone, .dutch):
            return ["Bel me op {}.", "mijn telefoonnummer is {}", "telefoon: {}", "Ik ben bereikbaar op {}, dank je.",
                    "mobiel {}", "Bel gerust naar {} morgen."]
        case (.iban, .english):
            return ["My IBAN is {}.", "Please refund to IBAN {}", "bank account: {}", "iban {} in my name"]
        case (.iban, .dutch):
            return ["Mijn IBAN is {}.", "Graag terugstorten op {}", "rekeningnummer: {}", "iban {} op mijn naam"]
        case (.email, .english):
            return ["My email is {}.", "Email me at {} please.", "mail: {}", "Send the invoice to {}"]
        case (.email, .dutch):
            return ["Mijn mail is {}.", "Mail naar {} graag.", "e-mailadres: {}", "Stuur de factuur naar {}"]
        case (.ssn, _):
            return ["My SSN is {}.", "social security number: {}", "ssn {}", "SSN on file should be {}"]
        case (.bsn, .english):
            return ["My BSN is {}.", "burgerservicenummer {}", "bsn: {}"]
        case (.bsn, .dutch):
            return ["Mijn BSN is {}.", "burgerservicenummer: {}", "sofinummer {}", "mijn bsn: {}", "BSN {} graag aanpassen"]
        }
    }

    /// Appends a sentence with a value (or two, for `card.pair`) of `family`.
    private static func value(
        _ family: FormatFamily, language: Language, _ builder: inout MessageBuilder, _ rng: inout SplitMix64
    ) {
        func one(_ type: PIIType, _ text: String) {
            sentence(rng.pick(contexts(type, language)), [(text, type, family)], &builder)
        }
        switch family {
        case .cardUnusualPrefix: one(.card, FormatValues.unusualPrefixCard(&rng))
        case .cardGrouped: one(.card, FormatValues.card(&rng, separator: rng.pick([" ", "-"])))
        case .cardPair:
            let first = FormatValues.card(&rng, separator: " "), second = FormatValues.card(&rng, separator: " ")
            let pattern = rng.pick(language == .dutch ? ["mijn kaarten {} {}", "kaarten: {} {} graag beide blokkeren"]
                                                      : ["my cards {} {}", "cards: {} {} please block both"])
            sentence(pattern, [(first, .card, family), (second, .card, family)], &builder)
        case .cardDots: one(.card, FormatValues.card(&rng, separator: "."))
        case .cardDoubleSpace: one(.card, FormatValues.card(&rng, separator: "  "))
        case .cardNoBreakSpace: one(.card, FormatValues.card(&rng, separator: "\u{00A0}"))
        case .cardThinSpace: one(.card, FormatValues.card(&rng, separator: "\u{2009}"))
        case .cardNarrowNoBreakSpace: one(.card, FormatValues.card(&rng, separator: "\u{202F}"))
        case .cardTab: one(.card, FormatValues.card(&rng, separator: "\t"))
        case .cardSlash: one(.card, FormatValues.card(&rng, separator: "/"))
        case .cardUnderscore: one(.card, FormatValues.card(&rng, separator: "_"))
        case .phoneBracketedArea: one(.phone, FormatValues.bracketedArea(&rng))
        case .phoneNationalLatinAmerica, .phoneNationalTurkey, .phoneNationalAfrica, .phoneNationalAsia:
            one(.phone, FormatValues.foreignNational(family, &rng))
        case .phoneWordGap: wordGap(language: language, &builder, &rng)
        case .phoneExtension: one(.phone, FormatValues.withExtension(&rng, language: language))
        case .phoneLink:
            let (url, number) = FormatValues.link(&rng)
            let pattern = rng.pick(language == .dutch ? ["App me via \(url){}", "Bellen kan via \(url){} vanaf de site"]
                                                      : ["Message me at \(url){}", "Click \(url){} to call me"])
            sentence(pattern, [(number, .phone, family)], &builder)
        case .phoneSpacedDash: one(.phone, FormatValues.spacedDash(&rng))
        case .ibanDashes: one(.iban, FormatValues.iban(&rng, language: language, separator: "-"))
        case .ibanLowercase:
            one(.iban, FormatValues.iban(&rng, language: language, separator: rng.chance(500) ? "" : " ").lowercased())
        case .ibanNoBreakSpace: one(.iban, FormatValues.iban(&rng, language: language, separator: "\u{00A0}"))
        case .emailPercentAt:
            let pattern = rng.pick(language == .dutch ? ["Ik meldde me af via https://shop.example.nl/afmelden?email={}&lang=nl maar krijg nog mail"]
                                                      : ["I unsubscribed via https://news.example.com/unsubscribe?email={} but still get mail"])
            sentence(pattern, [(FormatValues.email(family, &rng), .email, family)], &builder)
        case .emailOneLetter, .emailPunycode, .emailUnicodeDomain, .emailQuotedLocal, .emailFullwidthAt,
             .emailSpelledOut, .emailBracketedAt, .emailSpacedAt:
            one(.email, FormatValues.email(family, &rng))
        case .obfuscationFullwidthDigits, .obfuscationArabicIndicDigits, .obfuscationZeroWidth,
             .obfuscationUnicodeSpace, .obfuscationUnicodeDash:
            var types: [PIIType] = [.phone, .card, .iban, language == .english ? .ssn : .bsn]
            if family == .obfuscationZeroWidth { types.append(.email) }
            let type = rng.pick(types)
            one(type, FormatValues.obfuscate(FormatValues.spacedValue(type, &rng, language: language), family, &rng))
        case .ssnDots: one(.ssn, FormatValues.ssn(&rng, separator: "."))
        case .ssnSlashes: one(.ssn, FormatValues.ssn(&rng, separator: "/"))
        case .bsnContext: one(.bsn, BSNGenerator.compact(&rng))
        case .bsnGrouped: one(.bsn, BSNGenerator.grouped(&rng, separator: rng.chance(700) ? "." : " "))
        case .bsnCompact:
            let pattern = rng.pick(language == .dutch
                ? ["Ik heb {} ingevuld op het formulier.", "Kunt u {} even controleren?", "Het nummer is {} volgens de brief."]
                : ["I filled in {} on the form.", "Can you check {} for me?", "The number is {} according to the letter."])
            sentence(pattern, [(BSNGenerator.compact(&rng), .bsn, family)], &builder)
        }
    }

    /// A phone word, other words or an e-mail address, then a bare 10-digit number.
    private static func wordGap(language: Language, _ builder: inout MessageBuilder, _ rng: inout SplitMix64) {
        let number = FormatValues.bareTenDigits(&rng)
        if rng.chance(500) {
            let email = FormatValues.plainEmail(&rng)
            let pattern = rng.pick(language == .dutch
                ? ["Bel me gerust, of mail naar {}, op {}", "telefoon (of anders {}): {}"]
                : ["Call me, or email {}, on {}", "phone (or else {}): {}"])
            sentence(pattern, [(email, .email, .phoneWordGap), (number, .phone, .phoneWordGap)], &builder)
        } else {
            let pattern = rng.pick(language == .dutch
                ? ["Bel me, ik ben de hele dag thuis, op {}", "mijn nummer voor als de bezorger komt is {}"]
                : ["Call me, I'm home all day, on {}", "my number for when the driver arrives is {}"])
            sentence(pattern, [(number, .phone, .phoneWordGap)], &builder)
        }
    }

    /// Appends a sentence with a look-alike of `family`.
    private static func lookalike(
        _ family: LookalikeFamily, language: Language, _ builder: inout MessageBuilder, _ rng: inout SplitMix64
    ) {
        let dutch = language == .dutch
        let (pattern, text): (String, String)
        switch family {
        case .bsnOrder:
            pattern = rng.pick(dutch ? ["Mijn ordernummer is {}.", "factuur {}", "klantnummer {}"] : ["order {}", "invoice number {}", "Order no. {} still missing."])
            text = FormatValues.elevenProofOrder(&rng)
        case .phoneTicket:
            pattern = rng.pick(dutch ? ["zaaknummer {}", "ticket {}"] : ["ticket {}", "case number {}"])
            text = FormatValues.fill("N#########", &rng)
        case .phoneDate:
            pattern = rng.pick(dutch ? ["Het pakket kwam op {} niet aan.", "sinds {}"] : ["The parcel did not arrive on {}.", "since {}"])
            text = FormatValues.date(&rng)
        case .phoneAmount:
            pattern = rng.pick(dutch ? ["Er is {} afgeschreven.", "totaal {}"] : ["You charged {} twice.", "total {}"])
            text = FormatValues.amount(&rng)
        case .phoneVersion:
            pattern = rng.pick(dutch ? ["De app is versie {}.", "na update {}"] : ["The app is version {}.", "after update {}"])
            text = NegativeGenerator.generate(.version, &rng, language: language)
        case .phoneIPv4:
            pattern = rng.pick(dutch ? ["De router staat op {}.", "ip {}"] : ["The router at {} is down.", "ip {}"])
            text = NegativeGenerator.generate(.ipv4, &rng, language: language)
        case .cardLuhnInvalid:
            pattern = rng.pick(dutch ? ["betalingskenmerk {}", "polisnummer {}"] : ["transaction reference {}", "policy number {}"])
            text = FormatValues.luhnInvalidCard(&rng)
        case .ssnInvalid:
            pattern = rng.pick(dutch ? ["dossier {}", "referentie {}"] : ["file reference {}", "member id {}"])
            text = FormatValues.invalidSSN(&rng)
        case .ibanBadCheck:
            pattern = rng.pick(dutch ? ["machtigingskenmerk {}", "incassant-id {}"] : ["mandate reference {}", "creditor reference {}"])
            text = FormatValues.badCheckIBAN(&rng, language: language)
        case .emailProse:
            pattern = rng.pick(["Sorry, {}.", "{}, will reply later", "Yes, {}"])
            text = FormatValues.prose(&rng)
        case .emailAtTime:
            pattern = rng.pick(dutch ? ["Zullen we om {} uur afspreken?", "bel me om {} uur"] : ["meet at {}", "Call me at {} tomorrow.", "see you at {}"])
            text = String(rng.int(in: 1...12))
        }
        builder.separate()
        let pieces = pattern.components(separatedBy: "{}")
        builder.append(pieces[0])
        builder.append(text, asNegative: family.kind, family: family.rawValue)
        builder.append(pieces[1])
    }

    /// An opener or closer of a phrasebook: literal text and first names only.
    private static func plain(
        _ template: Template, language: Language, _ builder: inout MessageBuilder, _ rng: inout SplitMix64
    ) {
        builder.separate()
        for part in template.parts {
            switch part {
            case .literal(let text): builder.append(text)
            case .slot(.name): builder.append(rng.pick(language == .dutch ? Names.dutchFirst : Names.englishFirst))
            case .slot: preconditionFailure("openers and closers hold no values")
            }
        }
    }
}
