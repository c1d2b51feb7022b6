import Testing
@testable import PIIMaskFixtures

/// The `adversarial` profile plants every hostile class of issue 8, and its look-alikes hold
/// no value of the five types, checked independently of the generator. (Its spans' shapes,
/// bounds and the absence of unlabeled digits are checked with the other profiles in
/// `SpanShapeTests`; determinism and output formats for every profile elsewhere.)
@Suite("Adversarial profile")
struct AdversarialProfileTests {
    static let corpus = TestSupport.messages(.adversarial, seed: 21, count: 1500)

    /// The look-alikes of `kind`, as text.
    static func values(of kind: NegativeKind) -> [String] {
        corpus.flatMap { message in
            message.negatives.filter { $0.kind == kind }.compactMap {
                TestSupport.slice(message.text, $0.start, $0.end)
            }
        }
    }

    static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character.isNumber
    }

    @Test("Lines carry true values in a third to two thirds of them, and run to a few KB")
    func mix() {
        let withPII = Double(Self.corpus.filter { !$0.pii.isEmpty }.count) / Double(Self.corpus.count)
        #expect((0.35...0.7).contains(withPII), "share with personal data \(withPII)")
        let lengths = Self.corpus.map(\.text.utf8.count)
        #expect(lengths.filter { $0 > 1024 }.count > 20, "too few lines over 1 KB")
        #expect(lengths.max()! < 16 * 1024, "longest line \(lengths.max()!) bytes")
        for kind in NegativeKind.hostile + [.tracking, .date] {
            #expect(!Self.values(of: kind).isEmpty, "\(kind.rawValue) never planted")
        }
    }

    @Test("Values follow a digit and a space, and lists of 2–5 values of one type share a line")
    func valuesAfterDigits() {
        var afterDigit: Set<PIIType> = []
        var listLengths: [PIIType: Set<Int>] = [:]
        for message in Self.corpus {
            let bytes = Array(message.text.utf8)
            for span in message.pii where span.start >= 2 {
                if bytes[span.start - 1] == UInt8(ascii: " "),
                   (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[span.start - 2]) {
                    afterDigit.insert(span.type)
                }
            }
            let types = Set(message.pii.map(\.type))
            if types.count == 1, let type = types.first, message.pii.count >= 2 {
                listLengths[type, default: []].insert(message.pii.count)
            }
        }
        #expect(afterDigit == Set(PIIType.classic), "types after a digit and a space: \(afterDigit)")
        for type in PIIType.classic {
            #expect(listLengths[type, default: []].isSuperset(of: [2, 3, 4, 5]), "\(type): \(listLengths[type] ?? [])")
        }
    }

    @Test("A value that follows a space after a digit or a value holds no space itself")
    func listValuesAreTokens() {
        for message in Self.corpus {
            let bytes = Array(message.text.utf8)
            for span in message.pii where span.start >= 2 && bytes[span.start - 1] == UInt8(ascii: " ") {
                let before = bytes[span.start - 2]
                let glued = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(before)
                    || message.pii.contains { $0.end == span.start - 1 }
                if glued {
                    #expect(!bytes[span.start..<span.end].contains(UInt8(ascii: " ")), "\(message.text)")
                }
            }
        }
    }

    @Test("Grouped tracking numbers and digit runs are longer than any card, phone or account")
    func digitRuns() {
        for run in Self.values(of: .digitRun) {
            let groups = run.split(whereSeparator: { $0 == " " || $0 == "-" })
            #expect(Set(run.filter { !Self.isDigit($0) }).count == 1, "\(run.prefix(40))")
            #expect(TestSupport.digits(run).count >= 40)
            #expect(groups.dropLast().allSatisfy { $0.count == groups[0].count } && [3, 4].contains(groups[0].count))
        }
        let grouped = Self.values(of: .tracking)
        #expect(!grouped.isEmpty)
        for tracking in grouped {
            let groups = tracking.split(separator: " ", omittingEmptySubsequences: false)
            #expect((20...30).contains(TestSupport.digits(tracking).count), "\(tracking)")
            #expect(groups.dropLast().allSatisfy { $0.count == 4 } && groups.allSatisfy { $0.allSatisfy(Self.isDigit) })
        }
    }

    @Test("Digit soup has no group of four digits and never two space-or-dash separators in a row")
    func digitSoup() {
        for soup in Self.values(of: .digitSoup) {
            var groups: [String] = [""]
            var separators: [Character] = []
            for character in soup {
                if Self.isDigit(character) {
                    groups[groups.count - 1].append(character)
                } else {
                    separators.append(character)
                    groups.append("")
                }
            }
            #expect(groups.allSatisfy { (1...3).contains($0.count) && $0.first != "0" }, "\(soup)")
            for (left, right) in zip(separators, separators.dropFirst()) {
                #expect(!(" -".contains(left) && " -".contains(right)), "\(soup)")
            }
            #expect(Set(separators).isSubset(of: [" ", "-", ".", "/", "(", ")"]))
        }
    }

    @Test("Symbol runs hold only +, (, @ and inner spaces")
    func symbolRuns() {
        let runs = Self.values(of: .symbolRun)
        for run in runs {
            #expect(run.allSatisfy { "+(@ ".contains($0) }, "\(run.prefix(40))")
            #expect(run.first != " " && run.last != " ")
        }
        for symbol in ["+", "(", "@"] {
            #expect(runs.contains { $0.contains(symbol) })
        }
        #expect(runs.contains { $0.count > 1000 })
    }

    @Test("IBAN-like strings are no IBAN: wrong length, or failing mod-97 at their country's length")
    func ibanLike() {
        let values = Self.values(of: .ibanLike)
        var atLength = 0
        for value in values {
            let compact = value.replacingOccurrences(of: " ", with: "").uppercased()
            #expect(compact.allSatisfy { $0.isASCII && ($0.isNumber || $0.isUppercase) }, "\(value)")
            if value.contains(" ") {
                let groups = value.split(separator: " ")
                #expect(groups.dropFirst().allSatisfy { Self.isDigit($0.first!) }, "\(value)")
            }
            guard let country = IBANRegistry.countries.first(where: { $0.code == compact.prefix(2) }),
                  compact.count >= country.length else { continue }
            if compact.count == country.length { atLength += 1 }
            #expect(!TestSupport.passesMod97(String(compact.prefix(country.length))), "\(value)")
        }
        #expect(atLength > 10, "too few IBAN-like strings of their country's length")
    }

    @Test("+ runs are 16–20 digits, and those of card length fail Luhn")
    func plusDigits() {
        for value in Self.values(of: .plusDigits) {
            let digits = TestSupport.digits(value)
            #expect(value.first == "+" && value.dropFirst().allSatisfy(Self.isDigit), "\(value)")
            #expect((16...20).contains(digits.count) && digits.first != 0, "\(value)")
            if digits.count <= 19 { #expect(!TestSupport.passesLuhn(digits), "\(value)") }
        }
    }

    @Test("Quantities are one to three digits")
    func quantities() {
        for value in Self.values(of: .quantity) {
            #expect((1...3).contains(value.count) && value.allSatisfy(Self.isDigit), "\(value)")
        }
    }
}
