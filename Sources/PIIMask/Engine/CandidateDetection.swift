import PCRE2

/// Whether a span of groups `first...last` of a run stands apart from the group before it,
/// as `last` grows: at the start of the run, or across a separator with white space when
/// the span is compact (`25 4111…`), uses other separators itself (`… 123-45-6789`), or
/// starts with a group of another length than the one before (`25 219 09 9999`). A span
/// that goes on the grouping of the digits before it (`0043 8533 0865 6007`) is a stretch
/// of a longer run, not a value of its own.
struct StandingApart {
    private let atRunStart: Bool
    private let spaceBefore: Bool
    private let sameLength: Bool
    private let gap: UInt32
    private let first: Int
    /// Some separator inside the span equals the one before it.
    private var repeatsGap = false
    /// Whether the span `first...last` (as last extended) stands apart.
    private(set) var isApart = false

    init(_ groups: UnsafeBufferPointer<DigitGroup>, first: Int) {
        self.first = first
        atRunStart = first == 0
        spaceBefore = first > 0 && groups[first].gapHasSpace
        sameLength = first > 0
            && groups[first].end - groups[first].start == groups[first - 1].end - groups[first - 1].start
        gap = groups[first].gap
    }

    /// Takes group `last` into the span.
    mutating func extend(to last: Int, _ groups: UnsafeBufferPointer<DigitGroup>) {
        if last > first && groups[last].gap == gap { repeatsGap = true }
        isApart = atRunStart || (spaceBefore && (last == first || !sameLength || !repeatsGap))
    }

    /// Whether no longer span can stand apart where this one does not.
    var isSettled: Bool { !isApart && (!spaceBefore || repeatsGap) }
}

/// The candidate pass of `MaskingWorker.detect`: digit runs, IBAN candidates and `@`
/// sites, found in one left-to-right pass, each asked of the rules of its kind.
extension MaskingWorker {
    /// Finds and classifies the candidates in `value[from...]`, appending spans; false when
    /// a pattern could not finish (the caller fails closed).
    func detectCandidates(_ value: UnsafeRawBufferPointer, policy: FieldPolicy, from: Int, knownFirst: Int) -> Bool {
        state.pointee.contextMemo.forget()
        let wantsDigits = !policy.digitRules.isEmpty
        let wantsIBAN = !policy.ibanRules.isEmpty
        // Where the search goes on, and the first byte a candidate may take in (a run's
        // `+` or `(` before its first digit).
        var position = from
        var searchFrom = max(from, knownFirst)
        // A digit run starting here continues an IBAN-like string that was no IBAN.
        var gluedRunStart = -1
        // An `@` already asked for the value before it (`addressTakes`): where scanning goes on.
        var asked = (at: -1, end: -1)
        while let found = policy.candidateStarts.firstCandidate(in: value, from: searchFrom) {
            defer { searchFrom = position }
            let byte = value[found]
            if byte == UInt8(ascii: "@") {
                if found == asked.at {
                    position = max(asked.end, found + 1)
                    continue
                }
                work.candidates += 1
                // The local part may hold digits already scanned as a run: it may reach back to
                // the end of the last span found.
                let floor = spans.last.map { max(from, $0.end) } ?? from
                guard let end = detectEmail(value, at: found, floor: floor, policy: policy) else { return false }
                position = max(end, found + 1)
                continue
            }
            // An IBAN candidate: two letters at a word start, then (after a separator, or
            // right after them) this digit and another.
            if wantsIBAN, let start = IBANCandidate.countryCodeStart(value, digit: found, floor: position) {
                switch detectFormatFreeIBAN(value, start: start, policy: policy, from: from, asked: &asked) {
                case .failed: return false
                case .iban(let end):
                    position = end
                    continue
                case .lookAlike, .none:
                    break
                }
            }
            // An IBAN-like string: two letters at a word start, then this digit.
            if found >= position + 2, found + 1 < value.count, DigitRun.isDigit(value[found + 1]),
               DigitRun.isLetter(value[found - 1]), DigitRun.isLetter(value[found - 2]),
               found - 2 == 0 || !DigitRun.isLeftGlue(value[found - 3]) {
                let outcome = detectIBAN(value, start: found - 2, policy: policy, searchRules: false,
                                         from: from, asked: &asked)
                switch outcome {
                case .failed: return false
                case .iban(let end):
                    position = end
                    continue
                case .lookAlike(let end):
                    position = end
                    gluedRunStart = end + 1
                    continue
                case .none:
                    break
                }
            }
            guard wantsDigits else {
                position = found + 1
                continue
            }
            work.candidates += 1
            // Digits that no separator follows, fewer than any rule takes (`1@`, `a%40`, `v2`,
            // `a1b`): a run too short for any rule, no scan (an `@` after them is asked as a
            // site of its own, from the same floor).
            var digitsEnd = found + 1
            while digitsEnd < value.count, digitsEnd - found < policy.minimumSpanDigits, DigitRun.isDigit(value[digitsEnd]) {
                digitsEnd += 1
            }
            if digitsEnd - found < policy.minimumSpanDigits,
               digitsEnd == value.count || !DigitRun.isSeparator(value[digitsEnd]) {
                position = digitsEnd
                continue
            }
            var run = DigitRun.scan(value, first: found, floor: position, into: &groups)
            if run.start == gluedRunStart {
                run.gluedLeft = true
                run.continuesLookAlike = true
            } else if run.gluedLeft && marksValue(value, runStart: run.start) {
                run.gluedLeft = false
            }
            if run.beforeAt {
                guard let takes = addressTakes(value, at: run.end, before: run.end, from: from, policy: policy,
                                               asked: &asked) else { return false }
                run.gluedRight = takes
            }
            position = run.resume
            if run.digits < policy.minimumSpanDigits || DigitRun.isIPv4Address(groups, in: value) { continue }
            guard classify(run, in: value, policy: policy) else { return false }
            // A span may reach past the run (a phone's extension) or past where a cut
            // run's next window starts.
            if let last = spans.last, last.end > position { position = last.end }
        }
        return true
    }

    /// Finds the accepted spans of `run` (its groups in `groups`) and appends the chosen ones.
    private func classify(_ run: DigitRun, in value: UnsafeRawBufferPointer, policy: FieldPolicy) -> Bool {
        // Work on local copies: no exclusivity check per element on the class's storage.
        var tiles: [Tile] = []
        swap(&tiles, &self.tiles)
        defer { swap(&tiles, &self.tiles) }
        tiles.removeAll(keepingCapacity: true)
        nearestFound = false
        followingEnd = -1
        var spansAsked = 0
        defer { work.spans += spansAsked }
        let finished = groups.withUnsafeBufferPointer { groups -> Bool in
            let groupCount = groups.count
            for first in 0..<groupCount {
                // A run glued on the left gives a span from its first group only to a rule
                // that takes glued values (a card with its brand's prefix and length).
                if first == 0 && run.continuesLookAlike { continue }
                let gluedStart = first == 0 && run.gluedLeft
                // A span can be masked only where it stands apart from the group before it
                // or right after another accepted span: other spans need no asking.
                let afterTile = first > 0 && Self.someTile(in: tiles, endsAt: first - 1)
                if first > 0 && !groups[first].gapHasSpace && !afterTile { continue }
                var standing = StandingApart(groups, first: first)
                for last in first..<min(groupCount, first + CandidateLimits.maxSpanGroups) {
                    standing.extend(to: last, groups)
                    // Four groups of four that end or start a longer run of them (`pin 1234
                    // 4111 1111 1111 1111`, `4111 1111 1111 1111 1225 123`): asked all the
                    // same, kept only when a card rule takes them (PCI fails closed). A
                    // stretch in the middle (`9400 6378 0891 6649 1880 02`, a tracking
                    // number) is not.
                    let inCardGrouping = !standing.isApart && !afterTile && (last == groupCount - 1 || first == 0)
                        && Self.isCardGrouping(groups, first: first, last: last)
                    if !standing.isApart && !afterTile && !inCardGrouping {
                        if standing.isSettled && last - first >= 3 { break }
                        continue
                    }
                    let digits = groups[last].digitsBefore + (groups[last].end - groups[last].start)
                        - groups[first].digitsBefore
                    if digits > CandidateLimits.maxSpanDigits { break }
                    let gluedEnd = last == groupCount - 1 && run.gluedRight
                    // The local part of an address that takes it is no value of its own.
                    if gluedEnd && run.beforeAt { break }
                    let glued = gluedStart || gluedEnd
                    let candidates = policy.digitRuleOffsets[digits]..<policy.digitRuleOffsets[digits + 1]
                    if candidates.isEmpty || (glued && !policy.takesGlued) { continue }
                    let end = groups[last].end
                    // A span starts with its group: at the `(` (and `+`) right before its
                    // first digit, or, failing that, at the digit itself.
                    let bracketed = first == 0 ? run.start : groups[first].spanStart
                    var accepted: (rule: Int, start: Int)?
                    for variant in 0..<2 where accepted == nil {
                        let start = variant == 0 ? bracketed : groups[first].start
                        if variant == 1 && start == bracketed { break }
                        spansAsked += 1
                        switch firstAcceptingRule(policy, candidates, value, start, end, run.start, gluedOnly: glued) {
                        case .failed: return false
                        case .rule(let ruleIndex): accepted = (ruleIndex, start)
                        case .none: break
                        }
                    }
                    guard let accepted else { continue }
                    if inCardGrouping && !rules[accepted.rule].isCard { continue }
                    tiles.append(Tile(first: first, last: last, start: accepted.start, end: end,
                                      rule: accepted.rule, digits: digits,
                                      leftClean: standing.isApart || inCardGrouping))
                }
            }
            return true
        }
        guard finished else { return false }
        guard !tiles.isEmpty else { return true }
        chosenTiles.removeAll(keepingCapacity: true)
        tiling.choose(groupCount: groups.count, tiles: tiles, into: &chosenTiles)
        if run.digits >= TrackingRun.minimumDigits {
            let keep = TrackingRun.keeps(groups: state.pointee.groups, run: run, tiles: tiles,
                                         chosen: state.pointee.chosenTiles)
            if keep != .all {
                state.pointee.chosenTiles = TrackingRun.kept(keep, tiles: tiles, chosen: state.pointee.chosenTiles,
                                                             rules: rules, groupCount: state.pointee.groups.count)
            }
        }
        let lastGroup = groups.count - 1
        for index in chosenTiles {
            let tile = tiles[index]
            spans.append(Span(start: tile.start, end: tile.end, rule: tile.rule))
            // A phone number's extension is masked with it, as a span of its own (`… 7963 x 28`
            // → `…7963 ***`): its digits are no part of the number's last four.
            if tile.last == lastGroup, rules[tile.rule].isPhone,
               let ext = Self.phoneExtension(value, after: tile.end) {
                spans.append(Span(start: ext.lowerBound, end: ext.upperBound, rule: tile.rule))
            }
        }
        return true
    }

    /// The words that introduce a phone extension, lower case.
    private static let extensionWords: [[UInt8]] = ["extension", "ext", "x", "toestel", "tst", "post", "ramal"]
        .map { Array($0.utf8) }

    /// The extension right after a phone number ending at `end`, from its word to its last
    /// digit: up to two spaces (or a comma and a space), an extension word (`x`, `ext`,
    /// `extension`, `toestel`, …) with an optional `.` or `:`, up to two spaces, and 1–6
    /// digits standing alone.
    static func phoneExtension(_ value: UnsafeRawBufferPointer, after end: Int) -> Range<Int>? {
        var position = end
        if position < value.count, value[position] == UInt8(ascii: ",") { position += 1 }
        var spaces = 0
        while position < value.count, value[position] == 0x20, spaces < 2 { position += 1; spaces += 1 }
        let wordStart = position
        while position < value.count, DigitRun.isLetter(value[position]), position - wordStart < 10 { position += 1 }
        let word = UnsafeRawBufferPointer(rebasing: value[wordStart..<position])
        guard extensionWords.contains(where: { $0.count == word.count && zip($0, word).allSatisfy { $0 == $1 | 0x20 } })
        else { return nil }
        if position < value.count, value[position] == UInt8(ascii: ".") || value[position] == UInt8(ascii: ":") {
            position += 1
        }
        spaces = 0
        while position < value.count, value[position] == 0x20, spaces < 2 { position += 1; spaces += 1 }
        let digitsStart = position
        while position < value.count, DigitRun.isDigit(value[position]), position - digitsStart <= 6 { position += 1 }
        let digits = position - digitsStart
        guard digits >= 1, digits <= 6,
              position == value.count || !(DigitRun.isLetter(value[position]) || DigitRun.isDigit(value[position]))
        else { return nil }
        return wordStart..<position
    }

    /// Whether groups `first...last` are four groups of four digits with one separator.
    @inline(__always)
    private static func isCardGrouping(_ groups: UnsafeBufferPointer<DigitGroup>, first: Int, last: Int) -> Bool {
        guard last - first == 3 else { return false }
        for index in first...last where groups[index].end - groups[index].start != 4 { return false }
        return groups[first + 2].gap == groups[first + 1].gap && groups[first + 3].gap == groups[first + 1].gap
    }

    /// Whether one of `tiles` (ordered by their first group) ends with group `last`.
    private static func someTile(in tiles: [Tile], endsAt last: Int) -> Bool {
        var index = tiles.count - 1
        while index >= 0, tiles[index].first >= last - CandidateLimits.maxSpanGroups {
            if tiles[index].last == last { return true }
            index -= 1
        }
        return false
    }

    /// The first of `policy.digitRulesByCount[slots]` that accepts `value[start..<end]`.
    /// With `gluedOnly`, only the rules that take glued values are asked.
    private func firstAcceptingRule(_ policy: FieldPolicy, _ slots: Range<Int>, _ value: UnsafeRawBufferPointer,
                                    _ start: Int, _ end: Int, _ candidateStart: Int, gluedOnly: Bool) -> RuleChoice {
        // Through buffers: no retain and release of the arrays and rules per rule asked.
        policy.digitRulesByCount.withUnsafeBufferPointer { byCount in
            ruleReferences.withUnsafeBufferPointer { rules in
                for slot in slots {
                    let ruleIndex = byCount[slot]
                    let verdict = rules[ruleIndex]._withUnsafeGuaranteedRef { rule -> Verdict in
                        if gluedOnly && !rule.takesGlued { return .no }
                        return accepts(rule, value, start, end, candidateStart: candidateStart)
                    }
                    switch verdict {
                    case .yes: return .rule(ruleIndex)
                    case .no: continue
                    case .failed: return .failed
                    }
                }
                return .none
            }
        }
    }

    /// `accepts` of rule `ruleIndex`, the rule read without retaining it.
    @inline(__always)
    func ask(_ ruleIndex: Int, _ value: UnsafeRawBufferPointer, _ start: Int, _ end: Int, candidateStart: Int) -> Verdict {
        ruleReferences[ruleIndex]._withUnsafeGuaranteedRef { accepts($0, value, start, end, candidateStart: candidateStart) }
    }

    /// Which rule, if any, accepts a span.
    enum RuleChoice { case rule(Int), none, failed }

    /// A rule's answer about one candidate span.
    enum Verdict { case yes, no, failed }

    /// Asks `rule` about `value[start..<end]`: first byte, validator, context words (found
    /// once per candidate, before `candidateStart`), then the anchored pattern.
    @inline(__always)
    func accepts(_ rule: CompiledRule, _ value: UnsafeRawBufferPointer, _ start: Int, _ end: Int,
                 candidateStart: Int) -> Verdict {
        if let startBytes = rule.startBytes, !startBytes.contains(value[start]) { return .no }
        // A rule that requires a context word asks about it first (found once per candidate);
        // the others validate first.
        if let context = rule.context, context.require != nil,
           !contextAccepts(context, value, start, end, candidateStart) { return .no }
        // Asked in place (no copy of the validator and what it holds, such as a phone plan).
        if rule.validator?.accepts(UnsafeRawBufferPointer(rebasing: value[start..<end])) == false { return .no }
        if let context = rule.context, context.require == nil,
           !contextAccepts(context, value, start, end, candidateStart) { return .no }
        work.patternMatches += 1
        work.anchoredSubjectBytes += end - start
        do {
            let subject = UnsafeRawBufferPointer(rebasing: value[..<end])
            unowned(unsafe) let anchored = rule.anchored!
            return try anchored.firstMatch(in: subject, from: start, scratch: scratch) != nil ? .yes : .no
        } catch {
            return .failed
        }
    }

    /// Whether `context` accepts the span `start..<end`, the words before the candidate (at
    /// `candidateStart`) scanned on first use, the words after the span when the rule has
    /// `after` words and those before do not do.
    @inline(__always)
    private func contextAccepts(_ context: ContextRule, _ value: UnsafeRawBufferPointer, _ start: Int, _ end: Int,
                                _ candidateStart: Int) -> Bool {
        if !nearestFound {
            work.contextBytes += contextTable.scan(value, from: candidateStart - contextTable.maxWindow, to: candidateStart,
                                                   memo: &state.pointee.contextMemo, into: &state.pointee.nearest)
            nearestFound = true
        }
        if context.accepts(value, matchStart: start, nearest: nearest) { return true }
        guard context.after != nil else { return false }
        // Up to the first digit when none may stand between (a span that ends inside its run
        // has one right after it): then usually no word is scanned at all.
        var to = min(value.count, end + context.afterWindow)
        if context.noDigitsBetween, let digit = value[end..<to].firstIndex(where: { $0 &- 0x30 < 10 }) { to = digit }
        if followingEnd != end || followingTo != to {
            work.contextBytes += contextTable.scan(value, from: end, to: to, memo: &state.pointee.contextMemo,
                                                   into: &state.pointee.following)
            followingEnd = end
            followingTo = to
        }
        return context.acceptsAfter(value, matchStart: start, matchEnd: end, nearest: nearest, following: following)
    }

    /// What an IBAN-like string turned out to be.
    enum IBANOutcome {
        /// No IBAN-like string starts here.
        case none
        /// An IBAN ending at `end` was appended to the spans.
        case iban(end: Int)
        /// IBAN-like up to `end` (its last group with a letter), but no IBAN: its digit
        /// groups are not read as other values.
        case lookAlike(end: Int)
        case failed
    }

    /// Asks the IBAN rules about the format-free candidate starting at `start` (the first
    /// letter of its country code; see `IBANCandidate`): `.iban` when one takes it, `.none`
    /// otherwise. One span is asked per candidate: the country's length says where it ends.
    private func detectFormatFreeIBAN(_ value: UnsafeRawBufferPointer, start: Int, policy: FieldPolicy, from: Int,
                                      asked: inout (at: Int, end: Int)) -> IBANOutcome {
        work.candidates += 1
        guard let end = IBANCandidate.end(value, start: start, read: &work.ibanCandidateBytes) else { return .none }
        // An IBAN glued to an e-mail's domain is the local part of that address when the
        // address takes it (`NL91ABNA0417164300@bank.nl`); with white space inside, it is not one.
        if end < value.count, value[end] == UInt8(ascii: "@"),
           !value[start..<end].contains(where: { $0 == 0x20 || $0 == 0x09 }) {
            guard let takes = addressTakes(value, at: end, before: end, from: from, policy: policy,
                                           asked: &asked) else { return .failed }
            if takes { return .none }
        }
        nearestFound = false
        followingEnd = -1
        work.spans += 1
        for ruleIndex in policy.ibanRules {
            switch ask(ruleIndex, value, start, end, candidateStart: start) {
            case .yes:
                spans.append(Span(start: start, end: end, rule: ruleIndex))
                return .iban(end: end)
            case .no: continue
            case .failed: return .failed
            }
        }
        return .none
    }

    /// Looks at the IBAN-like string starting at `start` (two letters, then digits): compact,
    /// or in groups of four separated by single spaces or dashes (a group after a group of four goes
    /// on; letters in later groups in the case of the country code), at most 34 letters and
    /// digits in all.
    private func detectIBAN(_ value: UnsafeRawBufferPointer, start: Int, policy: FieldPolicy,
                            searchRules: Bool, from: Int, asked: inout (at: Int, end: Int)) -> IBANOutcome {
        var groupEnds = InlineArray<34, Int>(repeating: 0)
        var groupHasLetter = InlineArray<34, Bool>(repeating: false)
        var groupCount = 0
        var characters = 0
        var position = start
        let upper = value[start] < UInt8(ascii: "a")
        // The separator between groups: a space or a dash, the same throughout (0: none yet).
        var separator: UInt8 = 0
        while groupCount < 34 {
            var hasLetter = false
            let groupStart = position
            while position < value.count, characters <= CandidateLimits.maxIBANCharacters {
                let byte = value[position]
                if DigitRun.isLetter(byte) {
                    // Later groups: letters in the case of the country code only.
                    if groupCount > 0 && (byte < UInt8(ascii: "a")) != upper { break }
                    hasLetter = true
                } else if !DigitRun.isDigit(byte) {
                    break
                }
                characters += 1
                position += 1
            }
            let isWholeGroup = position == value.count || !(DigitRun.isLetter(value[position]) || DigitRun.isDigit(value[position]))
            if characters > CandidateLimits.maxIBANCharacters || position == groupStart || !isWholeGroup {
                position = groupStart
                break
            }
            groupEnds[groupCount] = position
            groupHasLetter[groupCount] = hasLetter
            groupCount += 1
            guard position - groupStart == 4, position + 1 < value.count,
                  value[position] == separator || (separator == 0 && (value[position] == UInt8(ascii: " ")
                                                                      || value[position] == UInt8(ascii: "-"))),
                  DigitRun.isDigit(value[position + 1]) || DigitRun.isLetter(value[position + 1]) else { break }
            separator = value[position]
            position += 1
        }
        guard groupCount > 0, groupEnds[groupCount - 1] - start >= 12 else { return .none }
        work.candidates += 1
        if searchRules {
            nearestFound = false
            followingEnd = -1
            var index = groupCount - 1
            while index >= 0 {
                let end = groupEnds[index]
                var blocked = end < value.count
                    && (value[end] == UInt8(ascii: "_") || DigitRun.isDigit(value[end]) || DigitRun.isLetter(value[end]))
                if end < value.count, value[end] == UInt8(ascii: "@"), separator != UInt8(ascii: " ") {
                    guard let takes = addressTakes(value, at: end, before: end, from: from, policy: policy,
                                                   asked: &asked) else { return .failed }
                    blocked = takes
                }
                if !blocked {
                    work.spans += 1
                    for ruleIndex in policy.ibanRules {
                        switch ask(ruleIndex, value, start, end, candidateStart: start) {
                        case .yes:
                            spans.append(Span(start: start, end: end, rule: ruleIndex))
                            return .iban(end: end)
                        case .no: continue
                        case .failed: return .failed
                        }
                    }
                }
                index -= 1
            }
        }
        var lastLetter = 0
        for index in 0..<groupCount where groupHasLetter[index] { lastLetter = index }
        return .lookAlike(end: groupEnds[lastLetter])
    }

    /// Whether an address at the `@` at `at` takes the bytes before `before` as its local
    /// part (then a value ending there is that local part, masked as the address); nil when a
    /// pattern failed. The address's span is appended and `asked` keeps the site, so that it
    /// is not asked again: one e-mail match per `@`.
    private func addressTakes(_ value: UnsafeRawBufferPointer, at: Int, before: Int, from: Int, policy: FieldPolicy,
                              asked: inout (at: Int, end: Int)) -> Bool? {
        work.candidates += 1
        let floor = spans.last.map { max(from, $0.end) } ?? from
        let count = spans.count
        guard let end = detectEmail(value, at: at, floor: floor, policy: policy) else { return nil }
        asked = (at, end)
        return spans.count > count && spans[count].start < before
    }

    /// Matches the e-mail rules at the `@` at `at`, from the start of its local part (not
    /// before `floor`); returns where scanning goes on, or nil when a pattern failed.
    private func detectEmail(_ value: UnsafeRawBufferPointer, at: Int, floor: Int, policy: FieldPolicy) -> Int? {
        // An `@` with no dotted domain after it is no candidate (`a@a@…`, `@mentions`).
        guard Self.dottedDomainFollows(value, at: at) else { return at + 1 }
        // `jansen@@ziggo.nl`: the local part ends before the first `@` of the two.
        let localEnd = at > floor && value[at - 1] == UInt8(ascii: "@") ? at - 1 : at
        var start = localEnd
        let lowest = max(floor, localEnd - CandidateLimits.maxLocalPartBytes)
        if localEnd == at, at > lowest, value[at - 1] == UInt8(ascii: "\"") {
            // A quoted local part: back to its opening quote.
            start -= 1
            while start > lowest, value[start - 1] != UInt8(ascii: "\""), value[start - 1] != 0x0A { start -= 1 }
            start = start > lowest && value[start - 1] == UInt8(ascii: "\"") ? start - 1 : at
        } else {
            while start > lowest, Self.isLocalPartByte(value[start - 1]) { start -= 1 }
            if start == lowest, start > floor, Self.isLocalPartByte(value[start - 1]) {
                // A local part longer than an address may hold: matched from its last
                // `maxLocalPartBytes` bytes, and masked from its first byte (fail closed).
                var first = start
                while first > floor, Self.isLocalPartByte(value[first - 1]) { first -= 1 }
                while first < start, value[first] == UInt8(ascii: ".") { first += 1 }
                return policy.emailRules.withUnsafeBufferPointer { emailRules in
                    emailMatch(value, from: start, at: at, emailRules, subjectStart: start, spanStart: first)
                }
            }
            while start < localEnd, value[start] == UInt8(ascii: ".") { start += 1 }
        }
        guard start < localEnd else { return at + 1 }
        // Asked at every `@`: no reference counting on the list.
        return policy.emailRules.withUnsafeBufferPointer { emailRules in
            emailMatch(value, from: start, at: at, emailRules)
        }
    }

    /// The first e-mail rule of `emailRules` matching from `start`, its span appended;
    /// returns where scanning goes on, or nil when a pattern failed. With `subjectStart`, the
    /// rules see the value from there on (a look-behind sees nothing before it) and the span
    /// starts at `spanStart`.
    @inline(__always)
    private func emailMatch(_ value: UnsafeRawBufferPointer, from start: Int, at: Int,
                            _ emailRules: UnsafeBufferPointer<Int>, subjectStart: Int = 0, spanStart: Int? = nil) -> Int? {
        // The subject ends a domain's length after the `@`: no site reads the rest of a line.
        let end = min(value.count, at + 1 + CandidateLimits.maxBytesAfterAt)
        let subject = UnsafeRawBufferPointer(rebasing: value[subjectStart..<end])
        let from = start - subjectStart
        for ruleIndex in emailRules {
            unowned(unsafe) let rule = rules[ruleIndex]
            work.patternMatches += 1
            work.anchoredSubjectBytes += subject.count - from
            do {
                // The rules live as long as the masker: no reference counting per site.
                let found = try Unmanaged.passUnretained(rule.anchored!)._withUnsafeGuaranteedRef {
                    (pattern) throws(PCRE2Error) in try pattern.firstMatch(in: subject, from: from, scratch: scratch)
                }
                if let range = found {
                    spans.append(Span(start: spanStart ?? range.lowerBound + subjectStart,
                                      end: range.upperBound + subjectStart, rule: ruleIndex))
                    return range.upperBound + subjectStart
                }
            } catch {
                return nil
            }
        }
        return at + 1
    }

    /// Whether a dotted domain starts right after the `@` at `at`: a run of letters, digits,
    /// `-`, `.` and non-ASCII bytes holding a `.` between two of its other bytes, found within
    /// `CandidateLimits.maxBytesAfterAt` bytes. O(1): at most that many bytes are read.
    @inline(__always)
    static func dottedDomainFollows(_ value: UnsafeRawBufferPointer, at: Int) -> Bool {
        let end = min(value.count, at + 1 + CandidateLimits.maxBytesAfterAt)
        guard at + 1 < end, let base = value.baseAddress?.assumingMemoryBound(to: UInt8.self),
              isDomainLabelByte(base[at + 1]) else { return false }
        var index = at + 2
        var afterLabelByte = true
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: ".") {
                if afterLabelByte, index + 1 < end, isDomainLabelByte(base[index + 1]) { return true }
                afterLabelByte = false
            } else if isDomainLabelByte(byte) {
                afterLabelByte = true
            } else {
                return false
            }
            index += 1
        }
        return false
    }

    /// A byte of a domain label: letters, digits, `-` and non-ASCII bytes.
    @inline(__always)
    private static func isDomainLabelByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || byte == UInt8(ascii: "-") || DigitRun.isDigit(byte) || DigitRun.isLetter(byte)
    }

    /// A byte of an e-mail local part: letters, digits, `._%+-` and non-ASCII bytes.
    @inline(__always)
    static func isLocalPartByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "%"), UInt8(ascii: "+"), UInt8(ascii: "-"):
            return true
        default:
            return byte >= 0x80 || DigitRun.isDigit(byte) || DigitRun.isLetter(byte)
        }
    }
}
