import Testing
@testable import PIIMask

/// Issue 16's bounds, with counters and storage sizes (no timing): the work at `@` sites is
/// linear in the line, and the folded view's memory is a documented multiple of the value.
@Suite struct HostileInputBoundsTests {
    /// Lines of `@` sites, as written and folded (`%40`, full-width `＠`, spaced at-forms).
    static let atUnits = ["a@", "1@", "a%40", "a\u{FF20}", "a @ ", "jan@a.b@", "x.y@z", "\"q\"@"]

    @Test(arguments: atUnits)
    func anAtSiteShowsPCRE2AWindowNotTheRestOfTheLine(unit: String) throws {
        let masker = try Masker(ruleSet: RuleSet.builtin(), matchLimit: 10_000)
        let line = BoundedWorkTests.line(unit, bytes: 1 << 20)
        let (work, undecided) = BoundedWorkTests.work(masker, line)
        #expect(!undecided)
        // Each anchored match sees a local part, the `@` and a domain's length at most
        // (a digit span: itself), so the bytes PCRE2 may read grow with the matches.
        let window = CandidateLimits.maxLocalPartBytes + 1 + CandidateLimits.maxBytesAfterAt
        #expect(work.anchoredSubjectBytes <= window * work.patternMatches, "\(work)")
        // A value is read as written and, when it holds a fold, in its folded view too.
        #expect(work.patternMatches <= 2 * line.count, "\(work)")
    }

    /// Values made of one folded character (and ASCII) repeated.
    static let foldUnits = ["\u{FF11}", "\u{00A0}1", "a%40", "1\u{200B}", "\u{FF10}\u{00AD}", "a \u{FF20} "]

    @Test(arguments: foldUnits)
    func theFoldedViewHoldsAtMostSevenBytesPerByte(unit: String) {
        let value = BoundedWorkTests.line("x" + unit, bytes: 1 << 22)
        var view = FoldedView()
        value.withUnsafeBytes { bytes in
            guard let first = TextFolding.firstFold(bytes, from: 0, floor: 0) else {
                Issue.record("no fold found in \(unit.unicodeScalars.map { $0.value })")
                return
            }
            view.build(bytes, firstFold: first)
        }
        #expect(view.bytes.count < value.count)
        // The documented bound (FoldedView): the view plus 12 bytes per fold of two bytes or
        // more, each reserved once (the allocator may round each reservation up a little).
        #expect(view.storageBytes <= 7 * value.count + (1 << 16), "\(view.storageBytes) for \(value.count)")
    }

    /// The view maps every byte back to the character it stands for, with the characters
    /// dropped right after it (marks on it): checked against a per-byte table built the plain
    /// way, on values mixing folds, drops and ASCII.
    @Test(arguments: 0..<40)
    func everyViewByteMapsBackToItsCharacter(seed: Int) {
        let pieces = ["1", "a", " ", "\u{FF11}", "\u{00A0}", "\u{200B}", "\u{00AD}", "%40", "\u{FF20}",
                      "-", "\u{2013}", "x@y.nl", " at ", "\u{0661}", "é", "\u{0332}", "\u{FE0F}\u{20E3}", "\u{200E}"]
        var generator = JSONLineRewriterTests.Generator(state: UInt64(seed))
        var text = ""
        for _ in 0..<200 { text += pieces.randomElement(using: &generator)! }
        let value = Array(text.utf8)
        value.withUnsafeBytes { bytes in
            guard let first = TextFolding.firstFold(bytes, from: 0, floor: 0) else { return }
            var view = FoldedView()
            view.build(bytes, firstFold: first)
            // The plain table: each view byte's character in the value, and the end of the
            // characters dropped right after it.
            var starts = Array(0..<first), ends = Array(1..<first + 1)
            var index = first
            var inAddress = false
            // Whether a combining mark here belongs to the view byte before it.
            var marksFollow = true
            while index < bytes.count {
                let byte = bytes[index]
                if TextFolding.mayStartFold(byte), let fold = TextFolding.fold(bytes, at: index, inAddress: inAddress) {
                    if fold.byte == UInt8(ascii: "@") || (byte < 0x80 && byte != UInt8(ascii: "%")) { inAddress = true }
                    if fold.byte != 0 {
                        starts.append(index); ends.append(index + fold.length)
                        marksFollow = true
                    } else if marksFollow, !ends.isEmpty, TextFolding.isCombiningMark(bytes, at: index) {
                        ends[ends.count - 1] = index + fold.length
                    } else {
                        marksFollow = false
                    }
                    index += fold.length
                } else {
                    if inAddress && !(byte >= 0x80 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                                      || DigitRun.isDigit(byte) || DigitRun.isLetter(byte)) {
                        inAddress = false
                    }
                    starts.append(index); ends.append(index + 1)
                    marksFollow = true
                    index += 1
                }
            }
            #expect(starts.count == view.bytes.count)
            for offset in 0..<min(starts.count, view.bytes.count) {
                #expect(view.original(offset..<offset + 1, in: bytes) == starts[offset]..<ends[offset],
                        "byte \(offset) of seed \(seed)")
            }
            if !view.bytes.isEmpty {
                #expect(view.original(0..<view.bytes.count, in: bytes) == starts[0]..<ends[ends.count - 1])
            }
            #expect(view.original(view.bytes.count..<view.bytes.count, in: bytes) == bytes.count..<bytes.count)
        }
    }

    /// Digit runs of many groups (digits with separators between, folded or not).
    static let runUnits = ["1 ", "\u{00A0}1", "12-", "1.", "1/", "\u{FF11} ", "123 "]

    @Test(arguments: runUnits)
    func aRunOfManyGroupsHoldsItsScratchToAWindow(unit: String) throws {
        let masker = try Masker(ruleSet: RuleSet.builtin(), matchLimit: 10_000)
        let line = BoundedWorkTests.line(unit, bytes: 1 << 20)
        let worker = masker.makeWorker()
        line.withUnsafeBytes { worker.detect($0, policy: masker.defaultPolicy) }
        // The run's scratch never holds more than one window of groups (as a first window
        // reserves them, growth may round the capacity up once).
        #expect(worker.groups.capacity <= 2 * CandidateLimits.maxRunGroups, "\(worker.groups.capacity)")
        #expect(!worker.spans.contains { $0.rule < 0 })
    }

    /// A value in a run of many groups is masked wherever the windows cut the run: at every
    /// offset around the first two cuts, in a list of single digits and of phone-length groups.
    @Test(arguments: ["1 ", "0612345678 "])
    func aValueInALongRunIsMaskedWhereverTheWindowsCut(filler: String) throws {
        let masker = try Masker(ruleSet: RuleSet.builtin())
        let card = "4111 1111 1111 1111"
        let window = CandidateLimits.maxRunGroups, overlap = CandidateLimits.maxSpanGroups
        let offsets = Array(window - overlap - 6...window + 2) + Array(2 * window - 2 * overlap - 6...2 * window - overlap + 2)
        for before in offsets {
            let text = String(repeating: filler, count: before) + card + " " + String(repeating: filler, count: 300)
            let masked = masker.mask(text)
            #expect(!masked.contains(card), "card after \(before) groups of \(filler.debugDescription)")
            #expect(masked.contains("************1111"), "card after \(before) groups")
        }
    }
}
