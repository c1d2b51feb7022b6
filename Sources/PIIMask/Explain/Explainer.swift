import PCRE2

/// The work of `Masker.explain`: finds the candidates the engine would find in or across a
/// part of a value — digit runs, IBAN-like strings, e-mail sites, `search` matches — and asks
/// each rule about them step by step, in the engine's order (first byte, context words,
/// validator, anchored pattern), keeping the first step that declines as the reason.
struct Explainer {
    let masker: Masker
    let policy: FieldPolicy
    let value: UnsafeRawBufferPointer
    let range: Range<Int>
    let findings: [MaskedFinding]
    private let scratch: MatchScratch
    private(set) var candidates: [ExplainedCandidate] = []
    private(set) var notAsked: [RuleDecision] = []
    /// The rules asked about some candidate.
    private var asked: Set<Int> = []
    /// IBAN-like strings of the value (their digits are not read as other values).
    private var ibanLike: [Range<Int>] = []

    private var rules: [CompiledRule] { masker.rules }

    init(masker: Masker, policy: FieldPolicy, value: UnsafeRawBufferPointer, range: Range<Int>, findings: [MaskedFinding]) {
        self.masker = masker
        self.policy = policy
        self.value = value
        self.range = range
        self.findings = findings
        scratch = MatchScratch(maxCaptureCount: masker.rules.map(\.pattern.captureCount).max() ?? 0, limits: masker.limits)
    }

    static func overlaps(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        a.lowerBound < b.upperBound && b.lowerBound < a.upperBound
    }

    mutating func run() {
        explainIBANs()
        explainDigitRuns()
        explainEmailSites()
        explainSearches()
        candidates.sort { $0.range.lowerBound < $1.range.lowerBound }
        explainNotAsked()
    }

    // MARK: one rule about one span

    /// A rule's answer about a span, step by step.
    private enum Step {
        case accepted
        case declined(RuleDecision.Reason, String)
        case failed
    }

    /// Asks `rule` about `value[start..<end]` as `MaskingWorker.accepts` does.
    private func check(_ rule: CompiledRule, _ start: Int, _ end: Int, candidateStart: Int) -> Step {
        if let startBytes = rule.startBytes, !startBytes.contains(value[start]) {
            return .declined(.startByte, "its pattern cannot start with the candidate's first byte")
        }
        if let context = rule.context, context.require != nil,
           case .declined(let reason, let detail) = contextStep(rule, context, start, end, candidateStart) {
            return .declined(reason, detail)
        }
        if let validator = rule.validator, !validator.accepts(UnsafeRawBufferPointer(rebasing: value[start..<end])) {
            let name = rule.definition.validator?.name ?? "its"
            return .declined(.validatorFailed, "the `\(name)` validator refused it (\(Self.validatorChecks[name] ?? "its checks"))")
        }
        if let context = rule.context, context.require == nil,
           case .declined(let reason, let detail) = contextStep(rule, context, start, end, candidateStart) {
            return .declined(reason, detail)
        }
        guard let anchored = rule.anchored else { return .accepted }
        do {
            let subject = UnsafeRawBufferPointer(rebasing: value[..<end])
            return try anchored.firstMatch(in: subject, from: start, scratch: scratch) != nil
                ? .accepted : .declined(.patternNoMatch, "its pattern does not match the candidate")
        } catch {
            return .failed
        }
    }

    /// What each validator checks, in words.
    private static let validatorChecks = [
        "card": "Luhn checksum, issuer prefix and length", "card-shape": "issuer prefix and length",
        "luhn": "Luhn checksum and length", "iban": "country, length and mod-97 checksum",
        "ssn": "area, group and serial", "elfproef": "the 11-proof", "phone": "digit count, country code and numbering plan",
    ]

    /// Whether the rule's context words accept the span, and if not, why: as
    /// `ContextRule.accepts` and `acceptsAfter` decide, with the words that decided.
    private func contextStep(_ rule: CompiledRule, _ context: ContextRule, _ start: Int, _ end: Int,
                             _ candidateStart: Int) -> Step {
        let table = masker.contextTable
        let words = rule.definition.context ?? ContextWords()
        var nearest = NearestWords()
        table.scan(value, from: candidateStart - table.maxWindow, to: candidateStart, into: &nearest)
        if context.accepts(value, matchStart: start, nearest: nearest) { return .accepted }
        var following = NearestWords()
        if context.after != nil {
            var to = min(value.count, end + context.afterWindow)
            if context.noDigitsBetween, let digit = value[end..<to].firstIndex(where: { $0 &- 0x30 < 10 }) { to = digit }
            table.scan(value, from: end, to: to, into: &following)
            if context.acceptsAfter(value, matchStart: start, matchEnd: end, nearest: nearest, following: following) {
                return .accepted
            }
        }
        if let require = context.require {
            guard let wordEnd = nearest.end(require), nearest.start(require) >= start - context.window else {
                var detail = "none of its words (\(Self.listed(words.require))) stands in the \(context.window) bytes before it"
                if !words.after.isEmpty {
                    detail += ", nor one of (\(Self.listed(words.after))) in the \(context.afterWindow) bytes after it"
                }
                return .declined(.noContextWord, detail)
            }
            if context.noDigitsBetween, ContextRule.hasDigitOutsideAddresses(value, wordEnd..<start) {
                let word = word(in: words.require, at: nearest.start(require)..<wordEnd)
                return .declined(.digitBetween, "its word `\(word)` stands before it, but a digit stands between the word and the candidate")
            }
        }
        if let deny = context.deny, let deniedEnd = nearest.end(deny), nearest.start(deny) >= start - context.denyWindow {
            let word = word(in: words.deny, at: nearest.start(deny)..<deniedEnd)
            let others = words.require + words.allow
            let nearer = others.isEmpty ? "" : ", nearer than any of its require or allow words (\(Self.listed(others)))"
            return .declined(.denyWordNearer,
                             "the deny word `\(word)` stands \(max(0, start - deniedEnd)) bytes before it\(nearer)")
        }
        if let deny = context.deny, following.end(deny) != nil {
            let word = word(in: words.deny, at: following.start(deny)..<following.end(deny)!)
            return .declined(.denyWordNearer, "the deny word `\(word)` stands in the \(context.afterWindow) bytes after it")
        }
        return .declined(.noContextWord, "its context words do not accept it (no `after` word without a digit between)")
    }

    /// The word of `list` (as the rule file spells it) that the bytes at `range` are.
    private func word(in list: [String], at range: Range<Int>) -> String {
        let found = value[range].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return list.first { Array($0.lowercased().utf8) == found } ?? "(a listed word)"
    }

    /// The first words of a list, for a reason.
    private static func listed(_ words: [String]) -> String {
        let shown = words.prefix(4).map { "`\($0)`" }.joined(separator: ", ")
        return words.count > 4 ? shown + ", …" : shown
    }

    /// The decision for a rule that accepted `span`: masked by it, or what else happened.
    private func resolve(_ ruleIndex: Int, _ span: Range<Int>) -> RuleDecision {
        let rule = rules[ruleIndex]
        func decision(_ outcome: RuleDecision.Outcome, _ reason: RuleDecision.Reason, _ detail: String) -> RuleDecision {
            RuleDecision(ruleID: rule.id, type: rule.type, outcome: outcome, reason: reason, detail: detail)
        }
        if let own = findings.first(where: { $0.ruleID == rule.id && Self.overlaps($0.range, span) }) {
            return decision(.masked, .masked, "matched: masked as `\(own.masked)` (bytes \(own.range.lowerBound)–\(own.range.upperBound))")
        }
        if let other = findings.first(where: { Self.overlaps($0.range, span) }) {
            let priority = rules.first { $0.id == other.ruleID }.map { " (priority \($0.priority))" } ?? ""
            return decision(.matched, .lostToHigherPriority,
                            "matched (priority \(rule.priority)), but `\(other.ruleID.isEmpty ? other.type : other.ruleID)`\(priority) took bytes \(other.range.lowerBound)–\(other.range.upperBound)")
        }
        if let allowList = policy.allowList,
           allowList.allows(type: rule.type, UnsafeRawBufferPointer(rebasing: value[span])) {
            return decision(.matched, .allowed, "matched, but an allow entry lists this value: written unchanged")
        }
        if policy.wholeValue, !MaskingWorker.spansWholeValue(span, value) {
            return decision(.matched, .wholeValue, "matched, but field category `\(policy.id)` masks only a match that is the whole value")
        }
        return decision(.matched, .lookAlikeShape,
                        "accepts this span alone, but the engine's reading of the whole run chose other spans (it is part of a longer number)")
    }

    private func declined(_ ruleIndex: Int, _ reason: RuleDecision.Reason, _ detail: String) -> RuleDecision {
        RuleDecision(ruleID: rules[ruleIndex].id, type: rules[ruleIndex].type, outcome: .declined, reason: reason, detail: detail)
    }

    private func failed(_ ruleIndex: Int) -> RuleDecision {
        RuleDecision(ruleID: rules[ruleIndex].id, type: rules[ruleIndex].type, outcome: .masked, reason: .matchLimit,
                     detail: "its pattern hit the match limit: the whole value is masked (fail closed)")
    }

    /// The decision for one rule about a span, both spellings of its start tried (with the
    /// `(` or `+` before the digits, and without) as the engine does; of two refusals, the
    /// one that got past the first byte says more.
    private func decide(_ ruleIndex: Int, starts: [Int], end: Int, candidateStart: Int) -> RuleDecision {
        var refusals: [RuleDecision] = []
        for start in starts {
            switch check(rules[ruleIndex], start, end, candidateStart: candidateStart) {
            case .accepted: return resolve(ruleIndex, start..<end)
            case .failed: return failed(ruleIndex)
            case .declined(let reason, let detail): refusals.append(declined(ruleIndex, reason, detail))
            }
        }
        return refusals.first { $0.reason != .startByte } ?? refusals[0]
    }

    // MARK: digit runs

    private mutating func explainDigitRuns() {
        guard !policy.digitRules.isEmpty else { return }
        var groups: [DigitGroup] = []
        var position = 0
        var floor = 0
        while position < value.count, position < range.upperBound {
            guard DigitRun.isDigit(value[position]) else {
                position += 1
                continue
            }
            let run = DigitRun.scan(value, first: position, floor: floor, into: &groups)
            position = max(run.resume, position + 1)
            floor = run.end
            guard Self.overlaps(run.start..<run.end, range) else { continue }
            if let iban = ibanLike.first(where: { $0.contains(run.start) || $0.contains(groups[0].start) }) {
                candidates.append(ExplainedCandidate(kind: "digits", range: run.start..<run.end, digits: run.digits,
                                                     decisions: policy.digitRules.map {
                    declined($0, .lookAlikeShape, "the digits belong to the IBAN-like string at bytes \(iban.lowerBound)–\(iban.upperBound), which is no IBAN: they are not read as another value")
                }))
                policy.digitRules.forEach { asked.insert($0) }
                continue
            }
            explainRun(run, groups)
        }
    }

    /// The groups of `run` the part asked about touches, asked of every digit rule.
    private mutating func explainRun(_ run: DigitRun, _ groups: [DigitGroup]) {
        guard let first = groups.firstIndex(where: { $0.end > range.lowerBound }) else { return }
        var last = groups.lastIndex(where: { $0.start < range.upperBound }) ?? first
        last = max(first, min(last, first + CandidateLimits.maxSpanGroups - 1))
        let digits = groups[last].digitsBefore + (groups[last].end - groups[last].start) - groups[first].digitsBefore
        let bracketed = first == 0 ? run.start : groups[first].spanStart
        let end = groups[last].end
        var standing = groups.withUnsafeBufferPointer { StandingApart($0, first: first) }
        groups.withUnsafeBufferPointer { buffer in
            for index in first...last { standing.extend(to: index, buffer) }
        }
        // Right after a masked span, a span need not stand apart (the engine asks it all the same).
        let afterFinding = first > 0 && findings.contains { $0.range.upperBound == groups[first - 1].end }
        var decisions: [RuleDecision] = []
        for ruleIndex in policy.digitRules {
            asked.insert(ruleIndex)
            let rule = rules[ruleIndex]
            if first == 0 && run.gluedLeft {
                decisions.append(declined(ruleIndex, .lookAlikeShape,
                                          "the digits are glued to the text before them (a letter, a digit or one of `_@#./+-`): part of a longer code"))
            } else if last == groups.count - 1 && run.gluedRight {
                decisions.append(declined(ruleIndex, .lookAlikeShape,
                                          "the digits are glued to the text after them (a letter, `_`, `%`, or more digits after `:`, `,`, `.`, `-` or `/`): part of a longer code"))
            } else if digits > CandidateLimits.maxSpanDigits || !rule.digitRange.contains(digits) {
                decisions.append(declined(ruleIndex, .digitCount,
                                          "the candidate holds \(digits) digits; the rule takes \(rule.digitRange.lowerBound)–\(rule.digitRange.upperBound)"))
            } else if !standing.isApart && !afterFinding {
                decisions.append(declined(ruleIndex, .lookAlikeShape,
                                          "these digits do not stand apart: they go on the grouping of the digits before them (a stretch of a longer number)"))
            } else {
                let starts = bracketed == groups[first].start ? [bracketed] : [bracketed, groups[first].start]
                decisions.append(decide(ruleIndex, starts: starts, end: end, candidateStart: run.start))
            }
        }
        candidates.append(ExplainedCandidate(kind: "digits", range: bracketed..<end, digits: digits, decisions: decisions))
    }

    // MARK: IBAN-like strings

    /// Two letters at a word start, then a digit: the groups of an IBAN-like string, as
    /// `MaskingWorker.detectIBAN` reads them (compact, or groups of four split by one space
    /// or dash; later groups' letters in the country code's case; at most 34 characters).
    private mutating func explainIBANs() {
        var position = 0
        while position + 2 < value.count {
            guard DigitRun.isLetter(value[position]), DigitRun.isLetter(value[position + 1]), DigitRun.isDigit(value[position + 2]),
                  position == 0 || !DigitRun.isLeftGlue(value[position - 1]) else {
                position += 1
                continue
            }
            let ends = ibanGroupEnds(from: position)
            guard let last = ends.last, last - position >= 12 else {
                position += 1
                continue
            }
            ibanLike.append(position..<last)
            if Self.overlaps(position..<last, range) { explainIBAN(start: position, ends: ends) }
            position = last
        }
    }

    private func ibanGroupEnds(from start: Int) -> [Int] {
        var ends: [Int] = []
        var characters = 0
        var position = start
        let upper = value[start] < UInt8(ascii: "a")
        var separator: UInt8 = 0
        while ends.count < 34 {
            let groupStart = position
            while position < value.count, characters <= CandidateLimits.maxIBANCharacters {
                let byte = value[position]
                if DigitRun.isLetter(byte) {
                    if !ends.isEmpty && (byte < UInt8(ascii: "a")) != upper { break }
                } else if !DigitRun.isDigit(byte) {
                    break
                }
                characters += 1
                position += 1
            }
            let isWhole = position == value.count || !(DigitRun.isLetter(value[position]) || DigitRun.isDigit(value[position]))
            if characters > CandidateLimits.maxIBANCharacters || position == groupStart || !isWhole { break }
            ends.append(position)
            guard position - groupStart == 4, position + 1 < value.count,
                  value[position] == separator || (separator == 0 && (value[position] == 0x20 || value[position] == UInt8(ascii: "-"))),
                  DigitRun.isDigit(value[position + 1]) || DigitRun.isLetter(value[position + 1]) else { break }
            separator = value[position]
            position += 1
        }
        return ends
    }

    private mutating func explainIBAN(start: Int, ends: [Int]) {
        var decisions: [RuleDecision] = []
        for ruleIndex in policy.ibanRules {
            asked.insert(ruleIndex)
            var decision: RuleDecision?
            for end in ends.reversed() {
                switch check(rules[ruleIndex], start, end, candidateStart: start) {
                case .accepted: decision = resolve(ruleIndex, start..<end)
                case .failed: decision = failed(ruleIndex)
                case .declined(let reason, let detail):
                    if end == ends.last {
                        decision = declined(ruleIndex, reason == .validatorFailed ? .lookAlikeShape : reason,
                                            reason == .validatorFailed
                                                ? "IBAN-like (two letters, then digits), but no IBAN: \(detail)" : detail)
                    }
                    continue
                }
                break
            }
            if let decision { decisions.append(decision) }
        }
        let digits = value[start..<ends.last!].filter(DigitRun.isDigit).count
        candidates.append(ExplainedCandidate(kind: "iban", range: start..<ends.last!, digits: digits, decisions: decisions))
    }

    // MARK: e-mail sites

    private mutating func explainEmailSites() {
        guard !policy.emailRules.isEmpty else { return }
        let from = max(0, range.lowerBound - CandidateLimits.maxBytesAfterAt)
        let to = min(value.count, range.upperBound + CandidateLimits.maxLocalPartBytes)
        for at in from..<to where value[at] == UInt8(ascii: "@") {
            var start = at
            let lowest = max(0, at - CandidateLimits.maxLocalPartBytes)
            while start > lowest, MaskingWorker.isLocalPartByte(value[start - 1]) { start -= 1 }
            while start < at, value[start] == UInt8(ascii: ".") { start += 1 }
            let domainEnd = min(value.count, at + 1 + CandidateLimits.maxBytesAfterAt)
            var siteEnd = at + 1
            while siteEnd < domainEnd, value[siteEnd] >= 0x80 || MaskingWorker.isLocalPartByte(value[siteEnd]) { siteEnd += 1 }
            guard Self.overlaps(start..<siteEnd, range) else { continue }
            var decisions: [RuleDecision] = []
            for ruleIndex in policy.emailRules {
                asked.insert(ruleIndex)
                if !MaskingWorker.dottedDomainFollows(value, at: at) {
                    decisions.append(declined(ruleIndex, .lookAlikeShape, "no dotted domain follows the `@` (a mention, not an address)"))
                    continue
                }
                if start == at {
                    decisions.append(declined(ruleIndex, .lookAlikeShape, "no local part stands before the `@`"))
                    continue
                }
                let subject = UnsafeRawBufferPointer(rebasing: value[..<domainEnd])
                do {
                    if let found = try rules[ruleIndex].anchored!.firstMatch(in: subject, from: start, scratch: scratch) {
                        decisions.append(resolve(ruleIndex, found))
                    } else {
                        decisions.append(declined(ruleIndex, .patternNoMatch, "its pattern does not match the address at this `@`"))
                    }
                } catch {
                    decisions.append(failed(ruleIndex))
                }
            }
            candidates.append(ExplainedCandidate(kind: "email", range: start..<siteEnd, digits: 0, decisions: decisions))
        }
    }

    // MARK: search rules

    /// The raw matches of each `search` rule's pattern in or across the part, each asked of
    /// the rule's validator and context words.
    private mutating func explainSearches() {
        for ruleIndex in policy.searchRules {
            let rule = rules[ruleIndex]
            var offset = 0
            var matches = 0
            while offset < value.count, offset < range.upperBound, matches < 16 {
                let found: Range<Int>?
                do {
                    found = try rule.pattern.firstMatch(in: value, from: offset, scratch: scratch)
                } catch {
                    asked.insert(ruleIndex)
                    candidates.append(ExplainedCandidate(kind: "search", range: range, digits: 0, decisions: [failed(ruleIndex)]))
                    break
                }
                guard let match = found, match.lowerBound < range.upperBound else { break }
                offset = max(match.upperBound, match.lowerBound + 1)
                guard Self.overlaps(match, range) else { continue }
                matches += 1
                asked.insert(ruleIndex)
                let decision: RuleDecision
                if let validator = rule.validator,
                   !validator.accepts(UnsafeRawBufferPointer(rebasing: value[match])) {
                    let name = rule.definition.validator?.name ?? "its"
                    decision = declined(ruleIndex, .validatorFailed,
                                        "its pattern matches, but the `\(name)` validator refused it (\(Self.validatorChecks[name] ?? "its checks"))")
                } else if let context = rule.context,
                          case .declined(let reason, let detail) = contextStep(rule, context, match.lowerBound,
                                                                               match.upperBound, match.lowerBound) {
                    decision = declined(ruleIndex, reason, "its pattern matches, but \(detail)")
                } else {
                    decision = resolve(ruleIndex, match)
                }
                candidates.append(ExplainedCandidate(kind: "search", range: match, digits: 0, decisions: [decision]))
            }
        }
    }

    // MARK: rules not asked

    private mutating func explainNotAsked() {
        let inPolicy = Set(policy.ruleIndexes)
        for (index, rule) in rules.enumerated() where !asked.contains(index) {
            let (reason, detail): (RuleDecision.Reason, String)
            if !inPolicy.contains(index) {
                (reason, detail) = (.notDetected, "field category `\(policy.id)` does not detect type `\(rule.type)`")
            } else {
                switch rule.kind {
                case .digits: (reason, detail) = (.noCandidate, "no digit run in or across this part")
                case .iban: (reason, detail) = (.noCandidate, "no IBAN-like string (two letters, then digits) in or across this part")
                case .email: (reason, detail) = (.noCandidate, "no `@` with a local part and a domain in or across this part")
                case .search: (reason, detail) = (.patternNoMatch, "its pattern finds no match in or across this part")
                }
            }
            notAsked.append(RuleDecision(ruleID: rule.id, type: rule.type, outcome: .notAsked, reason: reason, detail: detail))
        }
        for rule in masker.ruleSet.rules where !rule.enabled {
            notAsked.append(RuleDecision(ruleID: rule.id, type: rule.type, outcome: .notAsked, reason: .disabled,
                                         detail: "disabled (\(rule.overrides.last ?? rule.source))"))
        }
    }
}
