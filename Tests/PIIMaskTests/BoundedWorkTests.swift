import Testing
@testable import PIIMask

/// Engine v2's bound: the work per byte (candidates, spans asked, PCRE2 matches) is a
/// constant for the built-in rules, whatever the input; no value is ever undecided.
@Suite struct BoundedWorkTests {
    /// Hostile lines of the kinds that made engine v1 backtrack.
    static let hostile: [String] = [
        "pakket 0043 8533 0865 6007 2656 95 staat al sinds 16/01 stil ",
        "hi +12345678901234567 ",
        "1-2-3-4-5-6-7-8-9-0-1-2-3-4 1.2.3.4.5.6 (1)(2)(3)(4) 12/34/56/78 ",
        "++++++++++ (((((((( @@@@@@@ ---- .... //// ",
        "NL12AB34CD56EF78GH90 ab12 cd34 ef56 gh78 ij90 AB12 3456 7890 1234 5678 9012 3456 ",
        "0612345678 0612345678 0612345678 4111 1111 1111 1111 4111 1111 1111 1111 ",
        "a@b@c@d@e.f@g.hh@ii.jj@ x@y.zz ",
        "9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 ",
        "(0)(0)(0)(0)+31 (0)6 (0)6 (0)6 - - - 06 - 12 - 34 - 56 ",
    ]

    /// `unit` repeated (whole) to at least `bytes` bytes, as one line.
    static func line(_ unit: String, bytes: Int) -> [UInt8] {
        let unitBytes = Array(unit.utf8)
        var line: [UInt8] = []
        line.reserveCapacity(bytes + unitBytes.count)
        while line.count < bytes { line += unitBytes }
        return line
    }

    /// The work of masking `line` with a fresh worker, and whether anything was undecided.
    static func work(_ masker: Masker, _ line: [UInt8]) -> (work: EngineWork, undecided: Bool) {
        let worker = masker.makeWorker()
        return line.withUnsafeBytes { bytes in
            worker.detect(bytes, policy: masker.defaultPolicy)
            return (worker.work, worker.spans.contains { $0.rule < 0 })
        }
    }

    @Test(arguments: hostile)
    func hostileLinesNeverHitTheMatchLimitAndWorkGrowsLinearly(unit: String) throws {
        // A low match limit: a rule that backtracked through digit runs would hit it.
        let masker = try Masker(ruleSet: RuleSet.builtin(), matchLimit: 10_000)
        let small = Self.line(unit, bytes: 1 << 10)
        let large = Self.line(unit, bytes: 1 << 20)
        let (smallWork, smallUndecided) = Self.work(masker, small)
        let (largeWork, largeUndecided) = Self.work(masker, large)
        #expect(!smallUndecided && !largeUndecided)
        // The documented bound (docs/guarantees.md, "Bounded work"): per byte at most one candidate; per
        // digit group (at least two bytes with its separator) at most 2 × 12 spans asked; a
        // pattern match per span and rule at most.
        let spanBound = CandidateLimits.maxSpanGroups
        for (work, bytes) in [(smallWork, small.count), (largeWork, large.count)] {
            #expect(work.candidates <= bytes)
            #expect(work.spans <= spanBound * bytes, "\(work)")
            #expect(work.patternMatches <= masker.rules.count * work.spans + work.candidates, "\(work)")
        }
        // Linear: 1,024 times the bytes, at most ~1,024 times the work.
        let ratio = Double(largeWork.patternMatches + largeWork.spans + largeWork.candidates)
            / Double(max(1, smallWork.patternMatches + smallWork.spans + smallWork.candidates))
        #expect(ratio <= 1.1 * Double(large.count) / Double(small.count), "\(smallWork) \(largeWork)")
    }

    @Test func plusAndSeventeenDigitsIsOneCandidateWithNoPatternMatch() throws {
        let masker = try Masker()
        let line = Self.line("hi +12345678901234567 ", bytes: 76_000)
        let (work, undecided) = Self.work(masker, line)
        #expect(!undecided)
        #expect(work.patternMatches == 0)
        #expect(work.candidates == line.count / "hi +12345678901234567 ".utf8.count)
    }

    /// User patterns that once stalled the line loop (a trigger on the line break) finish,
    /// with one output line per input line.
    @Test(arguments: [#"\s+[0-9]{5}"#, #"\D[0-9]{7}"#, #"[^0-9][0-9]{3}"#, #"(?s).{100}"#])
    func userPatternsThatCanSeeLineBreaksFinish(pattern: String) throws {
        let ruleSet = try RuleSet.merge(BuiltinRules.files.map { ("builtin:\($0.name)", $0.text) } + [("mine.yaml", """
            version: 1
            rules:
              - {id: user.odd, type: odd, pattern: '\(pattern)', mask: {label: "[X]"}}
            fields:
              - {id: message.text, detect_add: [odd]}
            """)])
        let masker = try Masker(ruleSet: ruleSet)
        let line = "bel 0612345678 of 12345 of 1234567 " + String(repeating: "x", count: 120)
        let input = Array(([line, "", line, "12345", "\n"].joined(separator: "\n") + "\n").utf8)
        let result = try StreamRunner.filter(masker, input, chunk: 1 << 16)
        #expect(result.output.filter { $0 == 0x0A }.count == input.filter { $0 == 0x0A }.count)
        #expect(!String(decoding: result.output, as: UTF8.self).contains("0612345678"))
    }

    @Test func aLabelCannotHoldALineBreak() {
        #expect(throws: RuleError.self) {
            try RuleSet.merge(BuiltinRules.files.map { ("builtin:\($0.name)", $0.text) } + [("mine.yaml", #"""
                version: 1
                rules:
                  - {id: user.nl, type: card, pattern: 'x[0-9]+', mask: {label: "a\nb"}}
                """#)])
        }
    }
}
