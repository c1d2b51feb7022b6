import Testing
@testable import PIIMaskFixtures

/// Every labeled span must hold a value of its type's shape, checked independently of the
/// generator: cards pass Luhn, IBANs mod-97 and their country's length, SSNs the rules.
@Suite("Span shapes")
struct SpanShapeTests {
    static let corpus: [LabeledMessage] =
        TestSupport.messages(.piiDense, seed: 11, count: 3000)
        + TestSupport.messages(.digits, seed: 12, count: 2000)
        + TestSupport.messages(.chat, seed: 13, count: 2000)
        + TestSupport.messages(.adversarial, seed: 14, count: 600)

    /// All spans of a type, as text.
    static func values(of type: PIIType) -> [String] {
        corpus.flatMap { message in
            message.pii.filter { $0.type == type }.compactMap {
                TestSupport.slice(message.text, $0.start, $0.end)
            }
        }
    }

    /// All look-alikes of a kind, as text.
    static func values(of kind: NegativeKind) -> [String] {
        corpus.flatMap { message in
            message.negatives.filter { $0.kind == kind }.compactMap {
                TestSupport.slice(message.text, $0.start, $0.end)
            }
        }
    }

    @Test("Spans are in bounds, on character boundaries, ordered and apart")
    func spansAreWellFormed() {
        for message in Self.corpus {
            let spans = message.pii.map { ($0.start, $0.end) }
                + message.negatives.map { ($0.start, $0.end) }
            for (start, end) in spans {
                #expect(TestSupport.slice(message.text, start, end) != nil, "\(message.text)")
            }
            let sorted = spans.sorted { $0.0 < $1.0 }
            for (left, right) in zip(sorted, sorted.dropFirst()) {
                #expect(left.1 < right.0, "overlap in \(message.text)")
            }
        }
    }

    @Test("No digit or @ appears outside the labeled spans, and no line break anywhere")
    func everythingDigitLikeIsLabeled() {
        for message in Self.corpus {
            var bytes = Array(message.text.utf8)
            let ranges = message.pii.map { $0.start..<$0.end }
                + message.negatives.map { $0.start..<$0.end }
            for range in ranges {
                bytes.replaceSubrange(range, with: repeatElement(UInt8(ascii: "_"), count: range.count))
            }
            let stray = bytes.contains { byte in
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "@")
            }
            #expect(!stray, "unlabeled digit or @ in \(message.text)")
            #expect(!message.text.contains("\n") && !message.text.contains("\r"))
        }
    }

    @Test("A personal-data span is not glued to letters or digits around it")
    func piiSpansStandAlone() {
        for message in Self.corpus {
            let bytes = Array(message.text.utf8)
            for span in message.pii {
                if span.start > 0 {
                    #expect(!isAlphanumeric(bytes[span.start - 1]), "\(message.text)")
                }
                if span.end < bytes.count {
                    #expect(!isAlphanumeric(bytes[span.end]), "\(message.text)")
                }
            }
        }
    }

    private func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    @Test("Card spans pass Luhn, have 12–19 digits, a real issuer prefix and one separator")
    func cards() {
        let cards = Self.values(of: .card)
        #expect(cards.count > 300)
        for card in cards {
            let digits = TestSupport.digits(card)
            #expect((12...19).contains(digits.count), "\(card)")
            #expect(TestSupport.passesLuhn(digits), "\(card)")
            #expect(Self.hasIssuerPrefix(digits), "\(card)")
            let separators = Set(card.filter { !$0.isNumber })
            #expect(separators.isSubset(of: [" ", "-"]) && separators.count <= 1, "\(card)")
        }
        // Long and short brands both appear.
        #expect(cards.contains { TestSupport.digits($0).count == 19 })
        #expect(cards.contains { TestSupport.digits($0).count == 15 })
        #expect(cards.contains { TestSupport.digits($0).count == 14 })
        #expect(cards.contains { card in
            let prefix = TestSupport.digits(card).prefix(4).reduce(0) { $0 * 10 + $1 }
            return (2221...2720).contains(prefix)
        })
    }

    /// Issuer ranges by brand, written out here rather than taken from the generator.
    static func hasIssuerPrefix(_ digits: [Int]) -> Bool {
        func prefix(_ count: Int) -> Int { digits.prefix(count).reduce(0) { $0 * 10 + $1 } }
        let length = digits.count
        if prefix(1) == 4 { return [13, 16, 19].contains(length) }
        if (51...55).contains(prefix(2)) || (2221...2720).contains(prefix(4)) {
            return length == 16
        }
        if [34, 37].contains(prefix(2)) { return length == 15 }
        if prefix(2) == 36 || (300...305).contains(prefix(3)) || [38, 39].contains(prefix(2)) {
            return length == 14
        }
        if prefix(4) == 6011 || (644...649).contains(prefix(3)) || prefix(2) == 65 {
            return length == 16
        }
        if (3528...3589).contains(prefix(4)) { return length == 16 }
        if [2131, 1800].contains(prefix(4)) { return length == 15 }
        if [5018, 5020, 5038, 5893, 6304, 6759, 6761, 6762, 6763].contains(prefix(4)) {
            return (12...19).contains(length)
        }
        if (624...626).contains(prefix(3)) || (6282...6288).contains(prefix(4)) {
            return (16...19).contains(length)
        }
        return false
    }

    @Test("IBAN spans pass mod-97, have their country's length and BBAN shape")
    func ibans() {
        let ibans = Self.values(of: .iban)
        #expect(ibans.count > 300)
        var countries = Set<String>()
        for written in ibans {
            let compact = written.replacingOccurrences(of: " ", with: "").uppercased()
            #expect(TestSupport.passesMod97(compact), "\(written)")
            let code = String(compact.prefix(2))
            countries.insert(code)
            guard let country = IBANRegistry.countries.first(where: { $0.code == code }) else {
                Issue.record("unknown country in \(written)")
                continue
            }
            #expect(compact.count == country.length, "\(written)")
            #expect(Self.matchesStructure(String(compact.dropFirst(4)), country), "\(written)")
            if written.contains(" ") {
                let groups = written.split(separator: " ")
                #expect(groups.dropLast().allSatisfy { $0.count == 4 }, "\(written)")
            }
        }
        #expect(countries.count > 60, "only \(countries.count) countries")
        #expect(ibans.contains { $0.first?.isLowercase == true })
        #expect(ibans.contains { $0.contains(" ") } && ibans.contains { !$0.contains(" ") })
    }

    static func matchesStructure(_ bban: String, _ country: IBANCountry) -> Bool {
        var characters = Array(bban)[...]
        for run in country.structure {
            let part = characters.prefix(run.count)
            guard part.count == run.count else { return false }
            let ok = part.allSatisfy { character in
                switch run.kind {
                case .digit: return character.isASCII && character.isNumber
                case .letter: return character.isASCII && character.isUppercase
                case .alphanumeric:
                    return character.isASCII && (character.isNumber || character.isUppercase)
                }
            }
            guard ok else { return false }
            characters = characters.dropFirst(run.count)
        }
        return characters.isEmpty
    }

    @Test("Registry lengths agree with the published ones")
    func registryLengths() {
        let published = ["NO": 15, "BE": 16, "NL": 18, "DE": 22, "GB": 22, "FR": 27, "BR": 29,
                         "LC": 32, "RU": 33, "PK": 24, "KZ": 20]
        for country in IBANRegistry.countries {
            if let length = published[country.code] {
                #expect(country.length == length, "\(country.code)")
            }
        }
        #expect(IBANRegistry.countries.count == 89)
        #expect(!IBANRegistry.countries.contains { $0.code == "IR" })
        #expect(IBANChecksum.checkDigits(country: "NL", bban: "ABNA0417164300") == "91")
        #expect(IBANChecksum.checkDigits(country: "GB", bban: "NWBK60161331926819") == "29")
        #expect(IBANChecksum.checkDigits(country: "DE", bban: "370400440532013000") == "89")
        #expect(TestSupport.passesMod97("DE89370400440532013000"))
        #expect(!TestSupport.passesMod97("DE88370400440532013000"))
        #expect(Luhn.checkDigit(for: [7, 9, 9, 2, 7, 3, 9, 8, 7, 1]) == 3)
        #expect(Luhn.checkDigit(for: [4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]) == 1)
        #expect(TestSupport.passesLuhn([4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        #expect(!TestSupport.passesLuhn([4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]))
    }

    @Test("SSN spans obey the area, group and serial rules")
    func ssns() {
        let ssns = Self.values(of: .ssn)
        #expect(ssns.count > 150)
        for ssn in ssns {
            guard let parts = TestSupport.ssnParts(ssn) else {
                Issue.record("not an SSN shape: \(ssn)")
                continue
            }
            let valid = TestSupport.isValidSSN(area: parts.area, group: parts.group, serial: parts.serial)
            #expect(valid, "\(ssn)")
        }
        #expect(ssns.contains { $0.contains("-") } && ssns.contains { $0.contains(" ") })
        #expect(ssns.contains { $0.count == 9 })
    }

    @Test("E-mail spans have one @, a plausible local part and a dotted domain")
    func emails() {
        let emails = Self.values(of: .email)
        #expect(emails.count > 300)
        for email in emails {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            #expect(parts.count == 2, "\(email)")
            guard parts.count == 2 else { continue }
            let local = parts[0]
            let domain = parts[1]
            let allowed = local.allSatisfy { character in
                character.isASCII && (character.isLetter || character.isNumber || "._+-".contains(character))
            }
            #expect(!local.isEmpty && allowed, "\(email)")
            #expect(!local.hasPrefix(".") && !local.hasSuffix(".") && !local.contains(".."), "\(email)")
            let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
            #expect(labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }, "\(email)")
            #expect(labels.last!.allSatisfy { $0.isASCII && $0.isLetter }, "\(email)")
        }
        #expect(emails.contains { !$0.allSatisfy(\.isASCII) }, "no internationalized domain")
        #expect(emails.contains { $0.contains("+") })
        #expect(emails.contains { $0.split(separator: "@")[1].split(separator: ".").count >= 3 })
    }

    @Test("Phone spans are digits and phone punctuation, of plausible length")
    func phones() {
        let phones = Self.values(of: .phone)
        #expect(phones.count > 600)
        for phone in phones {
            #expect(phone.allSatisfy { $0.isASCII && ($0.isNumber || " +-.()/".contains($0)) }, "\(phone)")
            let digits = TestSupport.digits(phone).count
            // E.164 allows 15 digits; "00" and a bracketed trunk zero add up to three more.
            #expect((7...18).contains(digits), "\(phone)")
            #expect(phone.last?.isNumber == true, "\(phone)")
        }
        #expect(phones.contains { $0.hasPrefix("+") && !$0.contains(" ") }, "E.164")
        #expect(phones.contains { $0.hasPrefix("00") }, "00 prefix")
        #expect(phones.contains { $0.contains("(0)") }, "bracketed trunk zero")
        #expect(phones.contains { $0.hasPrefix("(") && $0.contains(") ") && $0.contains("-") }, "NANP")
        #expect(phones.contains { $0.hasPrefix("0") && $0.contains(".") }, "dots")
        #expect(phones.contains { $0.hasPrefix("+ ") }, "odd spacing")
        for smallCountry in ["+354", "+352", "+372"] {
            #expect(phones.contains { $0.hasPrefix(smallCountry) }, "\(smallCountry)")
        }
    }

    @Test("Invalid look-alikes really are invalid")
    func invalidLookAlikes() {
        let luhn = Self.values(of: .luhnInvalid)
        #expect(!luhn.isEmpty)
        for value in luhn {
            let digits = TestSupport.digits(value)
            #expect(digits.count == 16 && !TestSupport.passesLuhn(digits), "\(value)")
        }
        let ssns = Self.values(of: .ssnInvalid)
        #expect(!ssns.isEmpty)
        for value in ssns {
            guard let parts = TestSupport.ssnParts(value) else {
                Issue.record("not SSN-shaped: \(value)")
                continue
            }
            let valid = TestSupport.isValidSSN(area: parts.area, group: parts.group, serial: parts.serial)
            #expect(!valid, "\(value)")
        }
        let ibans = Self.values(of: .ibanBadCheck)
        #expect(!ibans.isEmpty)
        for value in ibans {
            let compact = value.replacingOccurrences(of: " ", with: "").uppercased()
            #expect(!TestSupport.passesMod97(compact), "\(value)")
            let length = IBANRegistry.countries.first { $0.code == String(compact.prefix(2)) }?.length
            #expect(length == compact.count, "\(value)")
        }
    }

    @Test("Every look-alike kind of these profiles is planted (`formats` kinds: FormatProfileTests)")
    func everyKindPlanted() {
        for kind in NegativeKind.chat + NegativeKind.hostile {
            #expect(!Self.values(of: kind).isEmpty, "\(kind.rawValue)")
        }
    }

    private func piiSlots(_ template: Template) -> [PIIType] {
        template.parts.compactMap { part in
            if case .slot(.pii(let type)) = part { return type }
            return nil
        }
    }

    @Test("Templates put exactly their own values in place")
    func templatesAreConsistent() {
        for book in [EnglishPhrasebook.book, DutchPhrasebook.book] {
            for type in PIIType.allCases {
                for template in book.templates(for: type) {
                    #expect(piiSlots(template) == [type])
                }
            }
            for template in book.pairs {
                #expect(piiSlots(template).count == 2)
            }
            for kind in NegativeKind.chat {
                for template in book.templates(for: kind) {
                    #expect(piiSlots(template).isEmpty)
                    #expect(template.parts.contains(.slot(.negative(kind))))
                }
            }
            for template in book.plain + book.agent + book.openers + book.closers {
                let onlyNames = template.parts.allSatisfy { part in
                    if case .slot(let slot) = part { return slot == .name }
                    return true
                }
                #expect(onlyNames)
            }
        }
        #expect(DutchPhrasebook.book.templates(for: .ssn).isEmpty)
    }
}
