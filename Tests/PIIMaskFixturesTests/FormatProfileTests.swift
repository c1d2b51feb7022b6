import Foundation
import Testing
@testable import PIIMaskFixtures

/// The `formats` profile: every family of issue 9 appears, every span carries its family and
/// holds a value that validates once its obfuscation is undone — checked here, independently
/// of the generator's own Luhn, mod-97 and 11-proof code.
@Suite("Formats profile")
struct FormatProfileTests {
    static let corpus = TestSupport.messages(.formats, seed: 21, count: 4000)

    /// Every labeled value with its family, as text.
    static let values: [(type: PIIType, family: String, text: String)] = corpus.flatMap { message in
        message.pii.map { span in
            (span.type, span.family ?? "", TestSupport.slice(message.text, span.start, span.end) ?? "")
        }
    }

    /// Every look-alike with its family, as text.
    static let lookalikes: [(family: String, text: String)] = corpus.flatMap { message in
        message.negatives.map { ($0.family ?? "", TestSupport.slice(message.text, $0.start, $0.end) ?? "") }
    }

    /// `text` with full-width and Arabic-Indic digits made ASCII and zero-width characters
    /// dropped: what the value is once its obfuscation is undone.
    static func plain(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x200B...0x200D, 0x2060: continue
            case 0xFF10...0xFF19: result.append(Character(Unicode.Scalar(scalar.value - 0xFF10 + 48)!))
            case 0x0660...0x0669: result.append(Character(Unicode.Scalar(scalar.value - 0x0660 + 48)!))
            case 0x06F0...0x06F9: result.append(Character(Unicode.Scalar(scalar.value - 0x06F0 + 48)!))
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// 11-proof: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11.
    static func passesElevenProof(_ digits: [Int]) -> Bool {
        guard digits.count == 9 else { return false }
        let weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
        return zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11 == 0
    }

    @Test("Every format family and every look-alike family appears, each at least 40 times")
    func everyFamilyAppears() {
        for family in FormatFamily.allCases {
            let count = Self.values.filter { $0.family == family.rawValue }.count
            #expect(count >= 40, "\(family.rawValue): \(count)")
        }
        for family in LookalikeFamily.allCases {
            let count = Self.lookalikes.filter { $0.family == family.rawValue }.count
            #expect(count >= 40, "\(family.rawValue): \(count)")
        }
        let types = Set(Self.values.map(\.type))
        #expect(types == Set(PIIType.allCases))
    }

    @Test("Every span carries a known family and decodes as UTF-8 on character boundaries")
    func spansCarryTheirFamily() {
        let known = Set(FormatFamily.allCases.map(\.rawValue))
        for message in Self.corpus {
            for span in message.pii {
                #expect(known.contains(span.family ?? ""), "\(span.family ?? "nil")")
                #expect(TestSupport.slice(message.text, span.start, span.end) != nil, "\(message.text)")
            }
            for span in message.negatives {
                #expect(LookalikeFamily(rawValue: span.family ?? "")?.kind == span.kind)
            }
        }
    }

    @Test("No ASCII digit or @ appears outside the labeled spans")
    func everythingDigitLikeIsLabeled() {
        for message in Self.corpus {
            var bytes = Array(message.text.utf8)
            for range in message.pii.map({ $0.start..<$0.end }) + message.negatives.map({ $0.start..<$0.end }) {
                bytes.replaceSubrange(range, with: repeatElement(UInt8(ascii: "_"), count: range.count))
            }
            let stray = bytes.contains { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "@") }
            #expect(!stray, "unlabeled digit or @ in \(message.text)")
        }
    }

    @Test("Cards pass Luhn with 12–19 digits, IBANs mod-97, SSNs the rules, BSNs the 11-proof")
    func valuesValidate() {
        for value in Self.values {
            let plain = Self.plain(value.text)
            let digits = TestSupport.digits(plain)
            switch value.type {
            case .card:
                #expect(TestSupport.passesLuhn(digits) && (12...19).contains(digits.count), "\(value.text)")
            case .iban:
                let compact = String(plain.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
                #expect(TestSupport.passesMod97(compact), "\(value.text)")
            case .ssn:
                let parts = TestSupport.ssnParts(digits.map(String.init).joined())
                #expect(parts.map { TestSupport.isValidSSN(area: $0.area, group: $0.group, serial: $0.serial) } == true,
                        "\(value.text)")
            case .bsn:
                #expect(Self.passesElevenProof(digits), "\(value.text)")
            case .phone:
                #expect((7...16).contains(digits.count), "\(value.text)")
            case .email:
                #expect(value.text.count >= 5 && !value.text.hasPrefix(" ") && !value.text.hasSuffix(" "))
            }
        }
    }

    @Test("Each family is written the way its name says", arguments: [
        ("card.dots", "."), ("card.double-space", "  "), ("card.nbsp", "\u{00A0}"),
        ("card.thin-space", "\u{2009}"), ("card.narrow-nbsp", "\u{202F}"), ("card.tab", "\t"),
        ("card.slash", "/"), ("card.underscore", "_"), ("phone.extension", "x"), ("phone.spaced-dash", " - "),
        ("iban.dashes", "-"), ("iban.nbsp", "\u{00A0}"), ("email.punycode", "xn--"), ("email.fullwidth-at", "\u{FF20}"),
        ("email.percent-40", "%40"), ("email.spelled-out", " at "), ("email.bracketed-at", "at)"),
        ("email.quoted-local", "\"@"), ("email.spaced-at", "@"), ("ssn.dots", "."), ("ssn.slashes", "/"),
    ])
    func familiesHaveTheirShape(_ family: String, _ marker: String) {
        let texts = Self.values.filter { $0.family == family }.map(\.text)
        #expect(!texts.isEmpty)
        for text in texts {
            // The bracketed at may be `[at]` or `(at)`; extensions `ext`, `x`, `toestel` or `tst.`.
            let found = text.contains(marker) || (marker == "at)" && text.contains("at]"))
                || (marker == "x" && (text.contains("toestel") || text.contains("tst."))) || (marker == "@" && (text.contains(" @") || text.contains("@ ")))
            #expect(found, "\(family): \(text)")
        }
    }

    /// The four-digit prefixes of the brands the other profiles draw (Visa, Mastercard, Amex,
    /// Diners, Discover, JCB, Maestro, UnionPay).
    static let issuerTables: [ClosedRange<Int>] = [
        4000...4999, 5100...5599, 2221...2720, 3400...3499, 3700...3799, 3600...3699, 3000...3059,
        3800...3999, 6011...6011, 6440...6599, 3528...3589, 2131...2131, 1800...1800, 5018...5018,
        5020...5020, 5038...5038, 5893...5893, 6304...6304, 6759...6759, 6761...6763, 6240...6269,
        6282...6288,
    ]

    @Test("Obfuscated values hold what their family names, and unusual card prefixes are outside the issuer tables")
    func obfuscationAndPrefixes() {
        for value in Self.values {
            let scalars = value.text.unicodeScalars.map(\.value)
            switch value.family {
            case "obfuscation.fullwidth-digits":
                #expect(scalars.contains { (0xFF10...0xFF19).contains($0) } && !scalars.contains { (48...57).contains($0) })
            case "obfuscation.arabic-indic":
                #expect(scalars.contains { (0x0660...0x0669).contains($0) || (0x06F0...0x06F9).contains($0) })
                #expect(!scalars.contains { (48...57).contains($0) })
            case "obfuscation.zero-width":
                #expect(scalars.dropFirst().dropLast().contains { (0x200B...0x200D).contains($0) || $0 == 0x2060 })
            case "obfuscation.unicode-space":
                #expect(scalars.contains { [0x00A0, 0x2009, 0x202F].contains($0) } && !scalars.contains(0x20))
            case "obfuscation.unicode-dash":
                #expect(scalars.contains { (0x2010...0x2015).contains($0) || $0 == 0x2212 } && !scalars.contains(0x20))
            case "email.unicode-domain":
                #expect(value.text.split(separator: "@").last?.unicodeScalars.contains { !$0.isASCII } == true)
            case "card.unusual-prefix":
                let prefix = Int(TestSupport.digits(value.text).prefix(4).map(String.init).joined()) ?? 0
                #expect(!Self.issuerTables.contains { $0.contains(prefix) }, "\(value.text)")
            default:
                break
            }
        }
    }

    @Test("Look-alikes are what they claim: Luhn fails, the SSN rules break, mod-97 fails, order numbers pass the 11-proof")
    func lookalikesAreInvalid() {
        for lookalike in Self.lookalikes {
            let digits = TestSupport.digits(lookalike.text)
            switch LookalikeFamily(rawValue: lookalike.family) {
            case .cardLuhnInvalid: #expect(digits.count == 16 && !TestSupport.passesLuhn(digits), "\(lookalike.text)")
            case .ibanBadCheck:
                #expect(!TestSupport.passesMod97(lookalike.text.replacingOccurrences(of: "-", with: "")), "\(lookalike.text)")
            case .ssnInvalid:
                let parts = TestSupport.ssnParts(digits.map(String.init).joined())
                #expect(parts.map { TestSupport.isValidSSN(area: $0.area, group: $0.group, serial: $0.serial) } == false)
            case .bsnOrder: #expect(Self.passesElevenProof(digits), "\(lookalike.text)")
            case .emailProse, .emailAtTime: #expect(!lookalike.text.contains("@"))
            default: break
            }
        }
    }

    @Test("Punycode agrees with published encodings", arguments: [
        ("müller", "xn--mller-kva"), ("bücher", "xn--bcher-kva"), ("рф", "xn--p1ai"), ("中国", "xn--fiqs8s"),
        ("example", "example"),
    ])
    func punycode(_ label: String, _ encoded: String) {
        #expect(Punycode.label(label) == encoded)
    }

    /// FNV-1a (64 bit) of the first 500 JSON lines for seed 1, as in `DeterminismTests`. A
    /// change here means the corpus changed: regenerate `chat-formats.jsonl` (see
    /// fixtures/labeled/README.md) and update this value.
    @Test("The output is pinned, so it is the same on every machine")
    func pinned() throws {
        let bytes = try TestSupport.emitted(.formats, seed: 1, limit: .lines(500)).bytes
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        #expect(hash == 0x569A_C92E_F760_AD17)
    }
}
