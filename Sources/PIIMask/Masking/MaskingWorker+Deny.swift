/// The deny-dictionary step of detection: tokens that a `deny:` entry lists are masked
/// wherever they stand whole.
extension MaskingWorker {
    /// Appends a span for each token of `value[from...]` that a deny dictionary of `policy`
    /// lists.
    ///
    /// Text is taken in chains: words (letters, digits, non-ASCII bytes) joined by single
    /// `-`, `_`, `.` or `/`. A listed value is found where it is a run of whole words of a
    /// chain, from a word start to a word end (`AC-77812` in `(AC-77812)`, `ac-77812.` or
    /// `acct/AC-77812`, never in `AC-778123` or `XAC-77812`); at each word start the longest
    /// listed run wins. When every value holds a digit, only chains with a digit are read;
    /// otherwise only the chains around the word starts the policy's `DenyPrescan` finds.
    ///
    /// - Complexity: O(n) to find the chains (SSE2, 64 bytes at a time, with the prescan);
    ///   per word start of a chain at most `maxWords` candidate runs per dictionary whose
    ///   first-word filter passes the word there, each turned down by its length and first
    ///   and last bytes or hashed (at most `TokenDictionary.maxValueBytes` bytes).
    func detectDenied(_ value: UnsafeRawBufferPointer, policy: FieldPolicy, from: Int) {
        let count = value.count
        if let prescan = policy.denyPrescan {
            var position = from
            while let hit = prescan.firstHit(in: value, from: position, upTo: count) {
                let chain = Self.chain(around: hit, in: value)
                detectDenied(inChain: chain, of: value, policy: policy, from: from)
                position = chain.upperBound
            }
            return
        }
        var position = from
        while position < count {
            var probe = position
            while probe < count, value[probe] &- 0x30 >= 10 { probe += 1 }
            guard probe < count else { return }
            let chain = Self.chain(around: probe, in: value)
            detectDenied(inChain: chain, of: value, policy: policy, from: from)
            position = chain.upperBound
        }
    }

    /// The chain of words that holds the word byte at `offset`.
    private static func chain(around offset: Int, in value: UnsafeRawBufferPointer) -> Range<Int> {
        let count = value.count
        var start = offset
        while start > 0 {
            let before = value[start - 1]
            if TokenDictionary.isWordByte(before) {
                start -= 1
            } else if TokenDictionary.isJoiner(before), start >= 2, TokenDictionary.isWordByte(value[start - 2]) {
                start -= 1
            } else {
                break
            }
        }
        var end = offset + 1
        while end < count {
            let byte = value[end]
            if TokenDictionary.isWordByte(byte) {
                end += 1
            } else if TokenDictionary.isJoiner(byte), end + 1 < count, TokenDictionary.isWordByte(value[end + 1]) {
                end += 2
            } else {
                break
            }
        }
        return start..<end
    }

    /// `detectDenied` on the chain `chain` of `value`.
    private func detectDenied(inChain chain: Range<Int>, of value: UnsafeRawBufferPointer, policy: FieldPolicy,
                              from: Int) {
        var start = chain.lowerBound
        while start < chain.upperBound {
            // The first word at `start`: to the next joiner or the chain's end.
            var wordEnd = start + 1
            while wordEnd < chain.upperBound, !TokenDictionary.isJoiner(value[wordEnd]) { wordEnd += 1 }
            var found: (end: Int, rule: Int)?
            if start >= from {
                for (rule, dictionary) in policy.denyRules
                where dictionary.firstBytes.contains(TokenDictionary.fold(value[start]))
                    && dictionary.firstWords.mayContain(value, start: start, count: wordEnd - start) {
                    work.denyTokens += 1
                    var end = wordEnd
                    var words = 1
                    while true {
                        let token = UnsafeRawBufferPointer(rebasing: value[start..<end])
                        if end > (found?.end ?? 0), dictionary.mayContain(token) {
                            work.denyLookups += 1
                            if dictionary.contains(token) { found = (end, rule) }
                        }
                        // On to the end of the next word: past the joiner to the next one.
                        guard words < dictionary.maxWords, end < chain.upperBound,
                              end - start < TokenDictionary.maxValueBytes else { break }
                        end += 1
                        while end < chain.upperBound, !TokenDictionary.isJoiner(value[end]) { end += 1 }
                        words += 1
                    }
                }
            }
            if let found {
                spans.append(Span(start: start, end: found.end, rule: found.rule))
                start = found.end
                // On to the next word start: past the next joiner.
                while start < chain.upperBound, !TokenDictionary.isJoiner(value[start]) { start += 1 }
                start += 1
            } else {
                start = wordEnd + 1
            }
        }
    }
}

extension CompiledRule {
    /// The dictionary of a `deny:` entry's rule; nil for every other rule.
    var dictionary: TokenDictionary? {
        if case .dictionary(let dictionary)? = validator { return dictionary }
        return nil
    }
}
