import Testing
@testable import PIIMask

/// Engine v2: every value of a list on one line is masked, whatever stands between the
/// values, while a stretch inside a longer run that is no value is left alone.
@Suite struct ValueListTests {
    static let masker = try! Masker()

    /// Values of each type, as typed: compact and grouped.
    static let values: [(type: String, text: String)] = [
        ("card", "4111111111111111"), ("card", "5555 5555 5555 4444"), ("card", "3782-822463-10005"),
        ("card", "6011111111111117"), ("card", "3530 1113 3330 0000"),
        ("ssn", "123-45-6789"), ("ssn", "078-05-1121"), ("ssn", "219 09 9999"), ("ssn", "457-55-5462"),
        ("phone", "+31 6 12345678"), ("phone", "06-12345678"), ("phone", "020 123 4567"),
        ("phone", "+447966197542"), ("phone", "0687654321"),
        ("iban", "NL91ABNA0417164300"), ("iban", "DE89 3704 0044 0532 0130 00"), ("iban", "GB82WEST12345698765432"),
    ]

    /// What may stand between two values of a list.
    static let separators = [" ", "  ", "\t", ", ", "; ", " / ", " - ", " en ", " and ", " | "]

    /// The lists of one line: a prefix that ends in a digit (`amount 25 `) or a word, then
    /// 2–5 values of one type or mixed.
    static func lists() -> [[(type: String, text: String)]] {
        var lists: [[(type: String, text: String)]] = []
        for type in ["card", "ssn", "phone", "iban"] {
            let same = values.filter { $0.type == type }
            for count in 2...min(5, same.count) { lists.append(Array(same.prefix(count))) }
        }
        var state: UInt64 = 7
        for count in 2...5 {
            for _ in 0..<6 {
                lists.append((0..<count).map { _ in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return values[Int(state >> 33) % values.count]
                })
            }
        }
        return lists
    }

    @Test(arguments: separators)
    func everyValueOfAListIsFoundWhole(separator: String) {
        for prefix in ["amount 25 ", "my details: ", ""] {
            for list in Self.lists() {
                var line = prefix
                var expected: [(type: String, range: Range<Int>)] = []
                for (index, value) in list.enumerated() {
                    if index > 0 { line += separator }
                    let start = line.utf8.count
                    line += value.text
                    expected.append((value.type, start..<line.utf8.count))
                }
                line += " thanks"
                let findings = Self.masker.findings(in: line)
                #expect(findings.map(\.range) == expected.map(\.range), "\(line)")
                #expect(findings.map(\.type) == expected.map(\.type), "\(line)")
                let masked = Self.masker.mask(line)
                for value in list { #expect(!masked.contains(value.text), "\(line)") }
            }
        }
    }

    @Test func scanReportsEveryValueOfAList() {
        let line = "card 4111111111111111 5555555555554444 ssn 123-45-6789 078-05-1121 bel 0612345678 0687654321"
        #expect(Self.masker.findings(in: line).map(\.type) == ["card", "card", "ssn", "ssn", "phone", "phone"])
    }

    /// A run of digit groups that starts with no value: no stretch inside it is read as one,
    /// but for four groups of four at its end that make a card (PCI fails closed).
    @Test func stretchesInsideLongerRunsAreLeftAlone() {
        #expect(Self.masker.findings(in: "pakket 0043 8533 0865 6007 2656 95 staat al sinds 16/01 stil").isEmpty)
        #expect(Self.masker.findings(in: "zending 9400 6378 0891 6649 1880 02").isEmpty)
        #expect(Self.masker.mask("pin 1234 4111 1111 1111 1111") == "pin 1234 ************1111")
        var state: UInt64 = 11
        func digit() -> Character {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Character(String(Int(state >> 33) % 10))
        }
        for _ in 0..<500 {
            // Starts with 00 and 4 digits: no rule takes a span that starts there.
            var run = "00" + String((0..<2).map { _ in digit() })
            for _ in 0..<Int.random(in: 4...8) { run += " " + String((0..<4).map { _ in digit() }) }
            let line = "tracking " + run + " ok"
            let start = "tracking ".utf8.count
            let cardAtEnd = line.utf8.count - " ok".utf8.count - "1111 1111 1111 1111".utf8.count
            for finding in Self.masker.findings(in: line) {
                let isFinalCard = finding.type == "card" && finding.range == cardAtEnd..<(line.utf8.count - 3)
                #expect(finding.range.lowerBound == start || isFinalCard, "\(line)")
            }
        }
    }
}
