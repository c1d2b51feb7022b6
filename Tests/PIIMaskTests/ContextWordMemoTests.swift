import Testing
@testable import PIIMask

/// The context words of a window found through a `ContextWordMemo` (the bytes of a subject
/// scanned once for all candidates) are those a scan of that window alone finds.
@Suite struct ContextWordMemoTests {
    static let lists: [[String]] = [
        ["card", "credit card", "kaart", "creditcard"],
        ["ssn", "#", "nr", "nummer"],
        ["bel", "tel", "telefoon", "phone number"],
        ["order", "ref", "iban"],
    ]
    static let table = ContextWordTable(lists: lists, maxWindow: 24)

    /// Text of table words, near misses and separators, deterministic for a seed.
    static func text(seed: UInt64, bytes: Int) -> [UInt8] {
        let pieces = ["card", "Credit Card", "KAART", "creditcards", "ssn", "#", "nr.", "nummer", "Bel", "tel:",
                      "telefoon", "phone number", "phone", "order", "ref", "IBAN", "x", "4111", "é", "de", "in",
                      "cards", "scard", "o", " ", " ", ", ", "\n", "-", "@", "12"]
        var state = seed
        var text: [UInt8] = []
        while text.count < bytes {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            text += Array(pieces[Int(state >> 33) % pieces.count].utf8)
        }
        return text
    }

    /// For every list, the nearest word's start and end, or nil.
    static func answers(_ nearest: NearestWords) -> [[Int]?] {
        (0..<lists.count).map { list in nearest.end(list).map { [nearest.start(list), $0] } }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func windowsThroughTheMemoFindWhatAScanOfEachFinds(seed: UInt64) {
        let subject = Self.text(seed: seed, bytes: 4_000)
        subject.withUnsafeBytes { bytes in
            var memo = ContextWordMemo()
            var state = seed &* 31
            var position = 0
            var scanned = 0
            var windows = 0
            while position < bytes.count {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let step = Int(state >> 40) % 40
                // Mostly forward, now and then a window before the last or a jump ahead.
                let start = step < 3 ? max(0, position - 30) : position + step / 2
                let length = 1 + Int(state >> 20) % 40
                let from = start - 10
                let to = min(bytes.count, start + length)
                guard from < to else { break }
                var direct = NearestWords()
                Self.table.scan(bytes, from: from, to: to, into: &direct)
                var memoized = NearestWords()
                scanned += Self.table.scan(bytes, from: from, to: to, memo: &memo, into: &memoized)
                #expect(Self.answers(memoized) == Self.answers(direct), "window \(from)..<\(to)")
                windows += 1
                position = start + 1
            }
            // The windows overlap: the memo scans far fewer bytes than they hold.
            #expect(windows > 100)
            #expect(scanned <= 2 * bytes.count, "\(scanned) bytes scanned for \(windows) windows")
        }
    }

    @Test func anotherSubjectOrForgettingStartsOver() {
        let first = Array("my card is here".utf8)
        let second = Array("my kaart is here".utf8)
        var memo = ContextWordMemo()
        var nearest = NearestWords()
        first.withUnsafeBytes { bytes in
            Self.table.scan(bytes, from: 0, to: bytes.count, memo: &memo, into: &nearest)
            #expect(nearest.end(0) == 7)
        }
        second.withUnsafeBytes { bytes in
            Self.table.scan(bytes, from: 0, to: bytes.count, memo: &memo, into: &nearest)
            #expect(nearest.end(0) == 8)
        }
        // The same buffer with other bytes at the same address: forgotten, scanned again.
        var buffer = Array("call tel now".utf8)
        buffer.withUnsafeBytes { bytes in
            Self.table.scan(bytes, from: 0, to: bytes.count, memo: &memo, into: &nearest)
        }
        #expect(nearest.end(2) == 8)
        buffer.withUnsafeMutableBytes { bytes in
            for (offset, byte) in "call xyz now".utf8.enumerated() { bytes[offset] = byte }
        }
        memo.forget()
        buffer.withUnsafeBytes { bytes in
            Self.table.scan(bytes, from: 0, to: bytes.count, memo: &memo, into: &nearest)
        }
        #expect(nearest.end(2) == nil)
    }

    @Test func aLineOfCandidatesHasItsContextScannedOnce() throws {
        let masker = try Masker(ruleSet: RuleSet.builtin())
        let line = BoundedWorkTests.line("bel 0612345678 of kaart 4111 1111 1111 1111, ssn 123-45-6789 ", bytes: 1 << 16)
        let (work, _) = BoundedWorkTests.work(masker, line)
        #expect(work.candidates > 2_000)
        // Each byte once (a few words dropped and scanned again to bound the memo): a scan of
        // the 64 bytes before each of the 3,000-odd candidates was over three times the line.
        #expect(work.contextBytes <= line.count + 4_096, "\(work)")
    }
}
