import Foundation
import Testing
@testable import PIIMask

/// The pieces that let a deny dictionary of letter-only values cost no per-line work on text
/// that holds none of them: the 64-byte word-start mask, the length set, the first-word
/// filter, the prescan, and the engine reading only the lines the prescan or the prefilter
/// point at.
@Suite struct DenyPrescanTests {
    /// Word starts by the definition: a word byte after a byte that is none.
    static func referenceStarts(_ bytes: [UInt8], offset: Int, count: Int, previousIsWord: Bool) -> (UInt64, UInt64) {
        var starts: UInt64 = 0, words: UInt64 = 0
        for index in 0..<count {
            let isWord = TokenDictionary.isWordByte(bytes[offset + index])
            let before = index == 0 ? previousIsWord : TokenDictionary.isWordByte(bytes[offset + index - 1])
            if isWord { words |= 1 << UInt64(index) }
            if isWord && !before { starts |= 1 << UInt64(index) }
        }
        return (starts, words)
    }

    static func wordStarts(_ bytes: [UInt8], offset: Int, count: Int, previousIsWord: Bool) -> (UInt64, UInt64) {
        bytes.withUnsafeBytes {
            let result = DenyPrescan.wordStarts($0, offset: offset, count: count, previousIsWord: previousIsWord)
            return (result.starts, result.words)
        }
    }

    @Test func wordStartMaskAtTheEdgesOfA64ByteBlock() {
        // Words at bytes 0, 62–63 (running into the next block), and a word byte at 63 alone.
        var block = [UInt8](repeating: UInt8(ascii: " "), count: 128)
        block[0] = UInt8(ascii: "a")
        block[62] = UInt8(ascii: "Z")
        block[63] = UInt8(ascii: "9")
        block[64] = UInt8(ascii: "x")
        block[65] = 0xC3
        let (starts, words) = Self.wordStarts(block, offset: 0, count: 64, previousIsWord: false)
        #expect(starts == UInt64(1) | UInt64(1) << 62)
        #expect(words == UInt64(1) | UInt64(1) << 62 | UInt64(1) << 63)
        // The byte before the block decides bit 0.
        #expect(Self.wordStarts(block, offset: 0, count: 64, previousIsWord: true).0 == 1 << 62)
        // The next block goes on with the word of byte 63: no start at its byte 0.
        #expect(Self.wordStarts(block, offset: 64, count: 64, previousIsWord: true).0 == 0)
        #expect(Self.wordStarts(block, offset: 64, count: 64, previousIsWord: true).1 == 0b11)
        #expect(Self.wordStarts(block, offset: 64, count: 64, previousIsWord: false).0 == 1)
        // A short block: bytes at and past `count` are not its bytes, whatever they are.
        #expect(Self.wordStarts(block, offset: 60, count: 3, previousIsWord: false) == (1 << 2, 1 << 2))
        #expect(Self.wordStarts(block, offset: 0, count: 0, previousIsWord: false) == (0, 0))
        // A count past the buffer reads the buffer only.
        #expect(Self.wordStarts(block, offset: 120, count: 64, previousIsWord: false) == (0, 0))
        let last = Self.wordStarts(block, offset: 63, count: 64, previousIsWord: false)
        #expect(last == Self.referenceStarts(block, offset: 63, count: 64, previousIsWord: false))
    }

    /// Every byte value in every position, every block length and both states before the block.
    @Test func wordStartMaskMatchesTheDefinition() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array(0...255)
        for round in 0..<200 {
            // Mostly ASCII text with some high bytes, and in some rounds any byte at all.
            let bytes: [UInt8] = (0..<130).map { _ in
                round % 4 == 0 ? alphabet.randomElement(using: &generator)!
                    : Array("ab Z9_-. \n@\u{7F}".utf8 + [0x80, 0xC3, 0x2F, 0x3A, 0x40, 0x5B, 0x60, 0x7B]).randomElement(using: &generator)!
            }
            for count in [0, 1, 15, 16, 17, 31, 32, 33, 47, 48, 63, 64] {
                for previousIsWord in [false, true] {
                    let offset = round % 66
                    #expect(Self.wordStarts(bytes, offset: offset, count: count, previousIsWord: previousIsWord)
                        == Self.referenceStarts(bytes, offset: offset, count: count, previousIsWord: previousIsWord),
                        "\(bytes[offset..<offset + count].map { $0 }) \(previousIsWord)")
                }
            }
        }
        // Each byte value alone.
        for byte in alphabet {
            let (starts, words) = Self.wordStarts([byte], offset: 0, count: 1, previousIsWord: false)
            #expect(words == (TokenDictionary.isWordByte(byte) ? 1 : 0), "\(byte)")
            #expect(starts == words)
        }
    }

    /// A block shorter than 16 bytes is read from the bytes before it when there are enough,
    /// and copied when there are not: both give the definition's masks.
    @Test func shortBlocksReadTheBytesBeforeThemOrACopy() {
        let bytes = Array("word  xy z9 -é\nabc".utf8)
        for offset in 0..<bytes.count {
            for count in 0...(bytes.count - offset) {
                for previousIsWord in [false, true] {
                    #expect(Self.wordStarts(bytes, offset: offset, count: count, previousIsWord: previousIsWord)
                        == Self.referenceStarts(bytes, offset: offset, count: count, previousIsWord: previousIsWord),
                        "offset \(offset), count \(count)")
                }
            }
        }
    }

    @Test func lineStartFindsTheLastLineBreakBefore() {
        let text = Array((String(repeating: "a", count: 40) + "\n" + String(repeating: "b", count: 37) + "\n\nccc").utf8)
        func reference(_ offset: Int, _ floor: Int) -> Int {
            var index = offset
            while index > floor && text[index - 1] != UInt8(ascii: "\n") { index -= 1 }
            return index
        }
        text.withUnsafeBytes { bytes in
            for floor in [0, 1, 17, 40, 41, 79, 80] {
                for offset in floor...text.count {
                    #expect(CandidateCursor.lineStart(of: offset, in: bytes, notBefore: floor) == reference(offset, floor),
                            "\(offset) from \(floor)")
                }
            }
        }
    }

    @Test func runsOfWordBytes() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            // Long runs more often than random bits would give.
            var words: UInt64 = 0
            var bit = 0
            while bit < 64 {
                let run = Int.random(in: 0...20, using: &generator)
                if Bool.random(using: &generator) { for index in bit..<min(64, bit + run) { words |= 1 << UInt64(index) } }
                bit += run + 1
            }
            for length in [1, 2, 3, 4, 5, 7, 8, 9, 16, 31, 33, 63, 64, 65, 128] {
                var expected: UInt64 = 0
                for index in 0..<64 where index + length <= 64 && (index..<index + length).allSatisfy({ words >> UInt64($0) & 1 == 1 }) {
                    expected |= 1 << UInt64(index)
                }
                #expect(DenyPrescan.runs(words, atLeast: length) == expected, "\(String(words, radix: 2)) \(length)")
            }
        }
    }

    @Test func lengthSet() {
        var lengths = LengthSet()
        #expect(lengths.max == 0 && !lengths.contains(1))
        for length in [1, 7, 64, 65, 128] { lengths.insert(length) }
        for length in [0, -1, 129, 200] { lengths.insert(length) }
        #expect((0...200).filter(lengths.contains) == [1, 7, 64, 65, 128])
        #expect(!lengths.contains(-5) && !lengths.contains(Int.max))
        #expect(lengths.max == 128)
        var small = LengthSet()
        small.insert(3)
        #expect(small.max == 3)
        small.insert(64)
        #expect(small.max == 64)
        var other = LengthSet()
        other.insert(100)
        #expect((0...200).filter(small.union(other).contains) == [3, 64, 100])
        #expect(LengthSet.maxLength == TokenDictionary.maxValueBytes)
    }

    /// Seven letters from a counter, as `benchmarks/deny/bench.py` makes its values.
    static func letters(_ index: Int) -> String {
        var index = index &* 2_654_435_761 % 8_031_810_176
        var word = ""
        for _ in 0..<7 {
            word.append(Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(index % 26))))
            index /= 26
        }
        return word
    }

    static func filter(_ values: [String]) -> FirstWordFilter {
        let builder = FirstWordFilter.Builder(capacity: values.count)
        for var value in values { value.withUTF8 { builder.insert(firstWordOf: UnsafeRawBufferPointer($0)) } }
        return builder.build()
    }

    static func mayContain(_ filter: FirstWordFilter, _ word: String) -> Bool {
        var word = word
        return word.withUTF8 { filter.mayContain(UnsafeRawBufferPointer($0), start: 0, count: $0.count) }
    }

    /// A word hashes alike wherever it stands in its buffer (8-byte loads, the 8 bytes that
    /// end with it, or bytes one by one in a buffer under 8 bytes) and in either case.
    @Test func aWordHashesAlikeWherever() {
        for length in 1...20 {
            let word = Array(String("kEstrel-Bluebird0123456789".prefix(length)).utf8).map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "x") : $0 }
            func hash(_ before: Int, _ after: Int, upper: Bool = false) -> UInt64 {
                let letters = upper ? word.map { $0 &- 0x61 < 26 ? $0 - 0x20 : $0 } : word
                let buffer = [UInt8](repeating: UInt8(ascii: " "), count: before) + letters + [UInt8](repeating: UInt8(ascii: "."), count: after)
                return buffer.withUnsafeBytes { FirstWordFilter.hash($0, start: before, count: length) }
            }
            let alone = hash(0, 0)
            for (before, after) in [(0, 30), (30, 0), (3, 2), (7, 0), (1, 1), (40, 40)] {
                #expect(hash(before, after) == alone, "\(length): \(before), \(after)")
                #expect(hash(before, after, upper: true) == alone, "\(length): \(before), \(after), upper case")
            }
        }
    }

    @Test func firstWordFilterHasNoFalseNegativesAndFewFalseHits() {
        let values = (0..<20_000).map(Self.letters)
        let filter = Self.filter(values)
        #expect(values.allSatisfy { Self.mayContain(filter, $0) && Self.mayContain(filter, $0.uppercased()) })
        // 32 bits per value, to a power of two: 20,000 values in 2,048 blocks of 64 bytes.
        #expect(filter.byteCount == 2048 * 64)
        let listed = Set(values)
        let others = (20_000..<120_000).map(Self.letters).filter { !listed.contains($0) }
        let falseHits = others.filter { Self.mayContain(filter, $0) }.count
        #expect(Double(falseHits) / Double(others.count) < 0.02, "\(falseHits) of \(others.count)")
        // Another length is never a hit.
        #expect(!values.prefix(100).contains { Self.mayContain(filter, $0 + "s") })
    }

    @Test func firstWordsAreUpToTheFirstJoinerAndAFewShareASmallFilter() {
        let values = (0..<10_000).map { "CU-\(1_000_000 + $0)" } + ["acct_x/1", "x.9"]
        let filter = Self.filter(values)
        #expect(Self.mayContain(filter, "cu") && Self.mayContain(filter, "CU") && Self.mayContain(filter, "acct"))
        #expect(Self.mayContain(filter, "x"))
        #expect(!Self.mayContain(filter, "CU-1000000"), "the first word only")
        // Three first words: halved down to one block.
        #expect(filter.byteCount == 64)
    }

    // MARK: - the prescan and the engine

    private static func masker(_ yaml: String) throws -> Masker {
        try Masker(ruleSet: RuleSet.merge(BuiltinRules.files.map { ("builtin:\($0.name)", $0.text) } + [("own.yaml", yaml)]))
    }

    static let codenames = try! masker("""
        version: 1
        deny:
          - id: deny.codes
            type: codename
            values: [Bluebird, nightjar, kestrel-7, stone_owl]
            mask: {label: "[CODE]"}
        fields:
          - {id: message.text, detect_add: [codename]}
        """)

    static let prose = String(repeating: "hello agent, my account is blocked again - please call back. Thanks, Marieke; groeten uit Amsterdam! ", count: 40)

    static func firstHit(_ masker: Masker, _ text: String, from: Int = 0) -> Int? {
        var text = text
        return text.withUTF8 { bytes in
            masker.defaultPolicy.denyPrescan?.firstHit(in: UnsafeRawBufferPointer(bytes), from: from, upTo: bytes.count)
        }
    }

    @Test func thePrescanFindsNothingInProseWithoutListedWords() throws {
        let policy = Self.codenames.defaultPolicy
        #expect(policy.denyPrescan != nil && !policy.deniedNeedDigit)
        #expect(Self.firstHit(Self.codenames, Self.prose) == nil)
        // A dictionary of 100,000 values of seven letters, none of them a word of the prose.
        let words = Set(Self.prose.lowercased().split { !$0.isLetter }.map(String.init))
        let values = (0..<100_000).map(Self.letters).filter { !words.contains($0) }
        let large = try Self.masker("""
            version: 1
            deny:
              - {id: deny.codes, type: codename, values: [\(values.joined(separator: ", "))], mask: {label: "[CODE]"}}
            fields:
              - {id: message.text, detect_add: [codename]}
            """)
        #expect(Self.firstHit(large, Self.prose) == nil)
        #expect(large.mask(Self.prose) == Self.prose)
        // And no token is looked at: the engine reads no chain of the prose.
        let worker = large.makeWorker()
        var prose = Self.prose
        prose.withUTF8 { worker.detect(UnsafeRawBufferPointer($0), policy: large.defaultPolicy) }
        #expect(worker.work.denyTokens == 0 && worker.work.denyLookups == 0)
        let listed = "\(Self.prose)code \(values[50_000].uppercased()) here"
        #expect(large.mask(listed) == "\(Self.prose)code [CODE] here")
    }

    @Test func thePrescanStopsAtTheWordsAValueCouldStartAt() {
        let text = "a  bluebirds nightjar, Kestrel-7 stone"
        let offsets = [text.range(of: "nightjar")!, text.range(of: "Kestrel")!, text.range(of: "stone")!]
            .map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }
        #expect(Self.firstHit(Self.codenames, text) == offsets[0], "bluebirds is not bluebird's length")
        #expect(Self.firstHit(Self.codenames, text, from: offsets[0] + 1) == offsets[1], "not inside a word")
        #expect(Self.firstHit(Self.codenames, text, from: offsets[1] + 1) == offsets[2], "a first word alone is a hit")
        #expect(Self.firstHit(Self.codenames, "xnightjar") == nil)
    }

    /// A listed value at every offset across two 64-byte blocks: found whole, never when it
    /// runs into a longer word, in any case.
    @Test func listedValuesAcrossBlockEdgesAreMasked() {
        for offset in 0..<140 {
            let filler = String(repeating: "x", count: offset)
            #expect(Self.codenames.mask(filler + " BlueBird ok") == filler + " [CODE] ok", "\(offset)")
            #expect(Self.codenames.mask(filler + " bluebirdy ok") == filler + " bluebirdy ok", "\(offset)")
            #expect(Self.codenames.mask(filler + "-nightjar.") == filler + "-[CODE].", "\(offset)")
            #expect(Self.codenames.mask(String(repeating: "ab ", count: offset / 3) + "stone_owl") == String(repeating: "ab ", count: offset / 3) + "[CODE]")
        }
    }

    /// First words of many lengths, at every offset: the run filter never drops a start
    /// the dictionary's words could begin at, also when the word runs past 64 bytes.
    @Test func firstWordsOfEveryLengthAreFoundAtEveryOffset() throws {
        let words = [String(repeating: "q", count: 1), "ab", "kestrel", String(repeating: "w", count: 63),
                     String(repeating: "v", count: 64), String(repeating: "z", count: 65), String(repeating: "y", count: 100)]
        let masker = try Self.masker("""
            version: 1
            deny:
              - {id: deny.words, type: codename, values: [\(words.map { $0 + "-x9" }.joined(separator: ", "))], mask: {label: "[W]"}}
              - {id: deny.plain, type: codename, values: [\(words.joined(separator: ", "))], mask: {label: "[P]"}}
            fields:
              - {id: message.text, detect_add: [codename]}
            """)
        for word in words {
            for offset in [0, 1, 5, 30, 62, 63, 64, 65, 100, 127, 128] {
                let filler = String(repeating: ". ", count: offset / 2) + (offset % 2 == 1 ? " " : "")
                let text = filler + word.uppercased()
                #expect(Self.firstHit(masker, text) == offset, "\(word.count) at \(offset)")
                #expect(masker.mask(text) == filler + "[P]", "\(word.count) at \(offset)")
                #expect(masker.mask(text + "-X9!") == filler + "[W]!", "\(word.count) at \(offset)")
                #expect(Self.firstHit(masker, filler + word + "s") == nil || word.count == 1, "\(word.count) at \(offset)")
            }
        }
    }

    /// The prescan against its definition, on random text and random ranges: the first word
    /// start in the range whose whole word some dictionary's filter passes.
    @Test func thePrescanMatchesItsDefinition() throws {
        let listed = ["kestrel", "ab", String(repeating: "m", count: 70), "bluebird", "x9"]
        let masker = try Self.masker("""
            version: 1
            deny:
              - {id: deny.words, type: codename, values: [\(listed.joined(separator: ", "))], mask: {label: "[W]"}}
            fields:
              - {id: message.text, detect_add: [codename]}
            """)
        let policy = masker.defaultPolicy
        let prescan = try #require(policy.denyPrescan)
        let filters = policy.denyRules.map(\.dictionary.firstWords)
        let pieces = listed + ["a", "abc", "kestrels", "Bluebird", String(repeating: "m", count: 71), "é", "ü-x", " ", "  ", ".", "\n", "-", "7"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<400 {
            let text = Array((0..<Int.random(in: 1...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined(separator: Bool.random(using: &generator) ? " " : "").utf8)
            let from = Int.random(in: 0..<text.count, using: &generator)
            let upTo = Int.random(in: (from + 1)...text.count, using: &generator)
            text.withUnsafeBytes { bytes in
                var expected: Int?
                for start in from..<upTo where expected == nil && TokenDictionary.isWordByte(text[start])
                    && (start == 0 || !TokenDictionary.isWordByte(text[start - 1])) {
                    var end = start
                    while end < text.count, TokenDictionary.isWordByte(text[end]) { end += 1 }
                    if filters.contains(where: { $0.mayContain(bytes, start: start, count: end - start) }) { expected = start }
                }
                #expect(prescan.firstHit(in: bytes, from: from, upTo: upTo) == expected,
                        "\(String(decoding: text, as: UTF8.self)) \(from)..<\(upTo)")
            }
        }
    }

    @Test func fullWidthLettersAreReadFolded() {
        #expect(Self.codenames.mask("project ＢＬＵＥＢＩＲＤ today") == "project [CODE] today")
    }

    /// A policy with a dictionary of values with digits and one without: both are found.
    @Test func mixedDictionariesShareThePrescan() throws {
        let masker = try Self.masker("""
            version: 1
            deny:
              - {id: deny.accounts, type: account, values: [AC-77812], mask: {label: "[ACCOUNT]"}}
              - {id: deny.codes, type: codename, values: [bluebird], mask: {label: "[CODE]"}}
            fields:
              - {id: message.text, detect_add: [account, codename]}
            """)
        #expect(masker.defaultPolicy.denyPrescan != nil)
        #expect(masker.mask("ac-77812 flies as Bluebird") == "[ACCOUNT] flies as [CODE]")
        #expect(masker.mask(Self.prose) == Self.prose)
    }

    /// Blocks of lines: listed values on lines without any other candidate, lines with a
    /// phone number, and lines with neither, in every order: the same as masking each
    /// line on its own.
    @Test func blocksOfLinesAreMaskedAsEachLineAlone() {
        let lines = ["plain prose without anything", "my codename is nightjar", "call +447966197542 now",
                     "Bluebird and 06-12345678 together", "nothing here either", "stone_owl.", ""]
        var generator = SystemRandomNumberGenerator()
        let worker = Self.codenames.makeWorker()
        for _ in 0..<200 {
            let chosen = (0..<Int.random(in: 1...30, using: &generator)).map { _ in lines.randomElement(using: &generator)! }
            let block = chosen.joined(separator: "\n")
            var output: [UInt8] = []
            var counters = MaskCounters()
            Array(block.utf8).withUnsafeBytes {
                worker.maskLines($0, policy: Self.codenames.defaultPolicy, into: &output, counters: &counters)
            }
            let expected = chosen.map { Self.codenames.mask($0) }.joined(separator: "\n")
            #expect(String(decoding: output, as: UTF8.self) == expected)
            #expect(!expected.contains("nightjar") && !expected.contains("796619"))
        }
    }

    /// The cursor gives one candidate of each line that has one, in order: the prescan's on
    /// a line without a prefilter candidate, the prefilter's on a line with one (the line's
    /// deny values are masked with it).
    @Test func theCursorGivesTheFirstCandidateOfEachLine() {
        let text = "prose only\nsay nightjar twice nightjar\nprose 12 digits\nmore prose\nBluebird 7\nend"
        let bytes = Array(text.utf8)
        var found: [Int] = []
        var cursor = CandidateCursor(Self.codenames.defaultPolicy)
        var position = 0
        bytes.withUnsafeBytes { block in
            while let candidate = cursor.next(in: block, from: position) {
                found.append(candidate)
                position = (bytes[candidate...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count - 1) + 1
            }
        }
        func offset(_ needle: String) -> Int { text.utf8.distance(from: text.startIndex, to: text.range(of: needle)!.lowerBound) }
        #expect(found == [offset("nightjar"), offset("12"), offset("7\nend")], "\(found)")
    }
}
