import Glibc
import PCRE2

/// Counts of what masking saw; added up across blocks and threads for `--stats`.
public struct MaskCounters: Sendable, Equatable {
    /// Values (lines, or JSON strings) that had at least one finding.
    public var maskedValues = 0
    /// Findings per data type.
    public var findingsByType: [String: Int] = [:]
    /// Findings per rule id (findings of no rule, at the match limit, are `undecidedValues`).
    public var findingsByRule: [String: Int] = [:]
    /// Values masked whole because a rule hit PCRE2's match limit.
    public var undecidedValues = 0
    /// Findings written unchanged because an allow entry lists their value, per data type.
    public var allowedByType: [String: Int] = [:]

    /// Creates zero counters.
    public init() {}

    /// Adds `other` to these counters.
    public mutating func add(_ other: MaskCounters) {
        maskedValues += other.maskedValues
        undecidedValues += other.undecidedValues
        for (type, count) in other.findingsByType { findingsByType[type, default: 0] += count }
        for (rule, count) in other.findingsByRule { findingsByRule[rule, default: 0] += count }
        for (type, count) in other.allowedByType { allowedByType[type, default: 0] += count }
    }
}

/// Counts of the engine's work, for tests that bound it (per worker, never reset).
struct EngineWork: Sendable, Equatable {
    /// Digit runs, IBAN candidates and `@` sites looked at.
    var candidates = 0
    /// Spans of digit runs (and IBAN prefixes) that some rule was asked about.
    var spans = 0
    /// PCRE2 matches run (anchored on candidates, or searches of `search` rules).
    var patternMatches = 0
    /// Bytes from the start offset to the end of the subject, summed over the anchored
    /// matches: all that PCRE2 may read of the subject past a candidate's start.
    var anchoredSubjectBytes = 0
    /// Tokens a deny dictionary was asked about (`detectDenied`), and the hash look-ups
    /// that took (those not turned down by length and first and last byte).
    var denyTokens = 0
    var denyLookups = 0
    /// Bytes looked at by format-free IBAN candidates (`IBANCandidate.end`), summed.
    var ibanCandidateBytes = 0
    /// Bytes scanned for the context words before and after candidates, summed (a byte of a
    /// value once, however many candidates' windows hold it, while the windows move forward).
    var contextBytes = 0
}

/// A worker's mutable scratch (see `MaskingWorker.state`).
struct DetectionState {
    var spans: [MaskingWorker.Span] = []
    var groups: [DigitGroup] = []
    var tiles: [Tile] = []
    var tiling = RunTiling()
    var chosenTiles: [Int] = []
    var nearest = NearestWords()
    var nearestFound = false
    /// The context words in `followingEnd..<followingTo` after a span (-1: none scanned yet).
    var following = NearestWords()
    var followingEnd = -1
    var followingTo = -1
    /// The context words found so far in the subject of the current candidate pass.
    var contextMemo = ContextWordMemo()
    var work = EngineWork()
    var view = FoldedView()
    /// The spans found in the folded view while the value as written is detected too.
    var spansInView: [MaskingWorker.Span] = []
    /// A JSON integer with its key's words before it (`MaskingWorker.detectInteger`).
    var integerText: [UInt8] = []
    /// A conversation's tail joined with the start of a message, and with the whole message
    /// (`MaskingWorker.maskContinuing`).
    var joinedText: [UInt8] = []
    var wholeText: [UInt8] = []
    /// A conversation's message in its folded form (`MaskingWorker.withReadableText`).
    var foldedText: [UInt8] = []
    /// The spans of the last `detect` that an allow list let through (`removeAllowed`).
    var allowed: [MaskingWorker.Span] = []
}

/// The per-thread state of a `Masker`: PCRE2 scratch and reusable storage for candidates
/// and spans. It finds the spans to mask in a value and writes the masked value.
///
/// Detection is one linear pass over the value (README, "How a rule matches"): digit runs,
/// IBAN candidates and `@` sites are found once, and each rule is asked only about the
/// candidates of its kind, cheap checks (digit count, first byte, validator, context words)
/// before its anchored pattern. The work per candidate is bounded by `CandidateLimits`.
///
/// Used by one thread at a time: `@unchecked Sendable` only so that the masker's pool can
/// hand it from one thread to the next under its lock.
final class MaskingWorker: @unchecked Sendable {
    /// A span to mask: a byte range and the rule whose mask applies (-1: undecided, mask all).
    struct Span {
        var start: Int
        var end: Int
        var rule: Int
        /// For a span found in the folded view of the value (`FoldedView`): its range there,
        /// which its mask is rendered from; -1 otherwise.
        var viewStart = -1
        var viewEnd = -1
    }

    let rules: [CompiledRule]
    /// `rules` unretained (`rules` keeps them alive): the hot loops read a rule without
    /// retaining and releasing it.
    let ruleReferences: [Unmanaged<CompiledRule>]
    let contextTable: ContextWordTable
    let scratch: MatchScratch
    /// The JSON rewriter for library calls that mask one event (created on first use).
    private(set) lazy var eventRewriter = JSONLineRewriter()
    /// The mutable scratch, in memory of its own: the hot loops change it without the
    /// dynamic exclusivity checks a class's stored properties would cost.
    let state: UnsafeMutablePointer<DetectionState>

    /// The spans of the last `detect` call, sorted and merged.
    var spans: [Span] {
        get { state.pointee.spans }
        _modify { yield &state.pointee.spans }
    }
    /// Scratch for digit runs: their groups, candidate tiles and the tiling.
    var groups: [DigitGroup] {
        get { state.pointee.groups }
        _modify { yield &state.pointee.groups }
    }
    var tiles: [Tile] {
        get { state.pointee.tiles }
        _modify { yield &state.pointee.tiles }
    }
    var tiling: RunTiling {
        get { state.pointee.tiling }
        _modify { yield &state.pointee.tiling }
    }
    var chosenTiles: [Int] {
        get { state.pointee.chosenTiles }
        _modify { yield &state.pointee.chosenTiles }
    }
    /// The context words before the current candidate, once scanned (`nearestFound`).
    var nearest: NearestWords {
        get { state.pointee.nearest }
        _modify { yield &state.pointee.nearest }
    }
    var nearestFound: Bool {
        get { state.pointee.nearestFound }
        set { state.pointee.nearestFound = newValue }
    }
    /// The context words after a span's end, once scanned for that range (`followingEnd`,
    /// `followingTo`).
    var following: NearestWords {
        get { state.pointee.following }
        _modify { yield &state.pointee.following }
    }
    var followingEnd: Int {
        get { state.pointee.followingEnd }
        set { state.pointee.followingEnd = newValue }
    }
    var followingTo: Int {
        get { state.pointee.followingTo }
        set { state.pointee.followingTo = newValue }
    }
    /// Scratch for a JSON integer and its key's words (`detectInteger`).
    var integerText: [UInt8] {
        get { state.pointee.integerText }
        _modify { yield &state.pointee.integerText }
    }
    /// Scratch for a conversation's tail joined with a message (`maskContinuing`).
    var joinedText: [UInt8] {
        get { state.pointee.joinedText }
        _modify { yield &state.pointee.joinedText }
    }
    var wholeText: [UInt8] {
        get { state.pointee.wholeText }
        _modify { yield &state.pointee.wholeText }
    }
    /// Scratch for a message in its folded form (`withReadableText`).
    var foldedText: [UInt8] {
        get { state.pointee.foldedText }
        _modify { yield &state.pointee.foldedText }
    }
    /// Counts of the work done, for tests.
    var work: EngineWork {
        get { state.pointee.work }
        _modify { yield &state.pointee.work }
    }

    init(rules: [CompiledRule], contextTable: ContextWordTable, limits: MatchLimits) {
        self.rules = rules
        ruleReferences = rules.map { Unmanaged.passUnretained($0) }
        self.contextTable = contextTable
        scratch = MatchScratch(maxCaptureCount: rules.map(\.pattern.captureCount).max() ?? 0, limits: limits)
        state = .allocate(capacity: 1)
        state.initialize(to: DetectionState())
        state.pointee.spans.reserveCapacity(16)
        state.pointee.groups.reserveCapacity(64)
        state.pointee.tiles.reserveCapacity(64)
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Finds what to mask in `value` under `policy`, leaving the merged spans in `spans`.
    ///
    /// With `from`, candidates start at or after that offset; the bytes before it are
    /// context (lookbehinds and context words see them).
    /// With `knownFirst`, no byte before that offset can start a candidate (the caller's
    /// prefilter found none): the search for candidates starts there.
    func detect(_ value: UnsafeRawBufferPointer, policy: FieldPolicy, from: Int = 0, knownFirst: Int = 0) {
        spans.removeAll(keepingCapacity: true)
        state.pointee.allowed.removeAll(keepingCapacity: true)
        // An at-form may start two bytes before the `at` the prefilter stopped at, `&#x40;` three
        // before its digit.
        if policy.readsFolded, let firstFold = TextFolding.firstFold(value, from: max(from, knownFirst - 3), floor: from) {
            detectFolded(value, policy: policy, from: from, knownFirst: knownFirst, firstFold: firstFold)
        } else {
            detectAsIs(value, policy: policy, from: from, knownFirst: knownFirst)
        }
        if let allowList = policy.allowList, !spans.isEmpty { removeAllowed(value, allowList) }
    }

    /// `detect` on a value read as it is.
    private func detectAsIs(_ value: UnsafeRawBufferPointer, policy: FieldPolicy, from: Int, knownFirst: Int) {
        if !detectCandidates(value, policy: policy, from: from, knownFirst: knownFirst) || !detectBySearch(value, policy: policy, from: from) {
            failClosed(value)
            return
        }
        if !policy.denyRules.isEmpty { detectDenied(value, policy: policy, from: from) }
        if policy.wholeValue {
            spans.removeAll { !Self.spansWholeValue($0.start..<$0.end, value) }
        }
        if spans.count > 1 { mergeSpans() }
    }

    /// `detect` on the folded view of a value whose first folded character is at
    /// `firstFold` (the view equals the value before it): spans are found in the view and
    /// mapped back to the value, keeping their range in the view for rendering.
    private func detectFolded(_ value: UnsafeRawBufferPointer, policy: FieldPolicy, from: Int, knownFirst: Int,
                              firstFold: Int) {
        guard value.count <= FoldedView.maxValueBytes else {
            // Too long for a view's 32-bit offsets: nothing of it may pass unread.
            failClosed(value)
            return
        }
        state.pointee.view.build(value, firstFold: firstFold)
        state.pointee.view.bytes.withUnsafeBytes { folded in
            detectAsIs(folded, policy: policy, from: from, knownFirst: min(knownFirst, firstFold))
        }
        let view = state.pointee.view
        for index in spans.indices {
            let inView = spans[index].start..<spans[index].end
            let original = view.original(inView, in: value)
            spans[index] = Span(start: original.lowerBound, end: original.upperBound, rule: spans[index].rule,
                                viewStart: inView.lowerBound, viewEnd: inView.upperBound)
        }
        // Fail closed: a fold may also glue a value to what follows it (`NL91…4300 @2x.png`,
        // `4111…1111＠x.png`), so the value as written is detected too and both are masked.
        var inView = state.pointee.spansInView
        inView.removeAll(keepingCapacity: true)
        swap(&inView, &spans)
        detectAsIs(value, policy: policy, from: from, knownFirst: knownFirst)
        if spans.first?.rule == -1 || inView.first?.rule == -1 {
            // A search could not finish in one of the readings: the whole value is masked.
            failClosed(value)
        } else {
            spans.append(contentsOf: inView)
            if spans.count > 1 { mergeSpans() }
        }
        swap(&inView, &state.pointee.spansInView)
    }

    /// The bytes a span's mask is rendered from: its range in the folded view when it was
    /// found there, else its bytes in `value`. An `encrypt` token always holds the value as
    /// written (`piimask reveal` gives back the input's bytes, full-width forms and all).
    @inline(__always)
    private func maskedBytes(_ span: Span, in value: UnsafeRawBufferPointer, mask: Mask,
                             _ body: (UnsafeRawBufferPointer) -> Void) {
        if span.viewStart >= 0, mask.token?.kind != .encrypt {
            state.pointee.view.bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[span.viewStart..<span.viewEnd])) }
        } else {
            body(UnsafeRawBufferPointer(rebasing: value[span.start..<span.end]))
        }
    }

    /// Runs the `search` rules of `policy` over `value`; false when a search could not
    /// finish (match limit or another matching error).
    private func detectBySearch(_ value: UnsafeRawBufferPointer, policy: FieldPolicy, from: Int) -> Bool {
        for ruleIndex in policy.searchRules {
            // The rules live as long as the masker; no reference counting on this hot path.
            unowned(unsafe) let rule = rules[ruleIndex]
            if let trigger = rule.trigger, !value[from...].contains(where: trigger.contains) { continue }
            if !rule.containsRequiredSequence(value) { continue }
            var offset = from
            while offset < value.count {
                let found: Range<Int>?
                work.patternMatches += 1
                do {
                    found = try rule.pattern.firstMatch(in: value, from: offset, scratch: scratch, accept: rule.filter)
                } catch {
                    return false
                }
                guard let range = found else { break }
                spans.append(Span(start: range.lowerBound, end: range.upperBound, rule: ruleIndex))
                // A match is never empty (checked at load): each one moves the search on.
                offset = max(range.upperBound, range.lowerBound + 1)
            }
        }
        return true
    }

    /// Forgets the spans of the last `detect`.
    func clear() {
        spans.removeAll(keepingCapacity: true)
        state.pointee.allowed.removeAll(keepingCapacity: true)
    }

    /// Marks the whole value to be masked: a search could not decide (match limit or another
    /// matching error), so nothing of it may pass.
    private func failClosed(_ value: UnsafeRawBufferPointer) {
        spans.removeAll(keepingCapacity: true)
        spans.append(Span(start: 0, end: value.count, rule: -1))
    }

    /// Replaces the spans by one undecided span over `range` (fail closed).
    func markUndecided(_ range: Range<Int>) {
        spans.removeAll(keepingCapacity: true)
        spans.append(Span(start: range.lowerBound, end: range.upperBound, rule: -1))
    }

    /// Appends `value[from..<upTo]` to `output` with the spans of the last `detect` that lie
    /// in it masked (a span must not straddle `from` or `upTo`); conversation-scoped token
    /// masks are keyed with `conversation` (the id's UTF-8 bytes; nil: they write stars).
    func render(_ value: UnsafeRawBufferPointer, into output: inout [UInt8],
                from: Int = 0, upTo: Int? = nil, conversation: UnsafeRawBufferPointer? = nil) {
        let end = upTo ?? value.count
        var position = from
        for span in spans where span.start >= from && span.end <= end {
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: value[position..<span.start]))
            let mask = span.rule >= 0 ? rules[span.rule].mask : Mask.everything
            maskedBytes(span, in: value, mask: mask) { mask.render($0, conversation: conversation, into: &output) }
            position = span.end
        }
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: value[position..<end]))
    }

    /// Like `detect`, but skips the search when no byte of `value` can start a match and no
    /// word of it a listed deny value (`DenyPrescan`).
    /// - Returns: whether anything was found.
    @discardableResult
    func detectIfCandidate(_ value: UnsafeRawBufferPointer, policy: FieldPolicy) -> Bool {
        guard policy.prefilter.firstCandidate(in: value, from: 0) != nil
                || policy.denyPrescan?.firstHit(in: value, from: 0, upTo: value.count) != nil else {
            clear()
            return false
        }
        detect(value, policy: policy)
        return !spans.isEmpty
    }

    /// The findings of the last `detect`, each with its text as its mask writes it.
    func maskedFindings(in value: UnsafeRawBufferPointer) -> [(finding: Finding, masked: [UInt8])] {
        spans.map { span in
            var masked: [UInt8] = []
            let mask = span.rule >= 0 ? rules[span.rule].mask : Mask.everything
            maskedBytes(span, in: value, mask: mask) { mask.render($0, into: &masked) }
            let finding = span.rule >= 0
                ? Finding(type: rules[span.rule].type, ruleID: rules[span.rule].id, range: span.start..<span.end)
                : Finding(type: Finding.undecidedType, ruleID: "", range: span.start..<span.end)
            return (finding, masked)
        }
    }

    /// The findings of the last `detect`.
    var findings: [Finding] {
        spans.map { span in
            span.rule >= 0
                ? Finding(type: rules[span.rule].type, ruleID: rules[span.rule].id, range: span.start..<span.end)
                : Finding(type: Finding.undecidedType, ruleID: "", range: span.start..<span.end)
        }
    }

    /// Adds the last `detect`'s findings to `counters`.
    func count(into counters: inout MaskCounters) {
        countAllowed(into: &counters)
        guard !spans.isEmpty else { return }
        counters.maskedValues += 1
        for span in spans {
            if span.rule < 0 {
                counters.undecidedValues += 1
                counters.findingsByType[Finding.undecidedType, default: 0] += 1
            } else {
                counters.findingsByType[rules[span.rule].type, default: 0] += 1
                counters.findingsByRule[rules[span.rule].id, default: 0] += 1
            }
        }
    }

    /// Adds the findings of the last `detect` that lie in `range` to `counters` (not
    /// `maskedValues`); whether there were any.
    func countFindings(in range: Range<Int>, into counters: inout MaskCounters) -> Bool {
        countAllowed(in: range, into: &counters)
        var found = false
        for span in spans where span.start >= range.lowerBound && span.end <= range.upperBound {
            found = true
            if span.rule < 0 {
                counters.undecidedValues += 1
                counters.findingsByType[Finding.undecidedType, default: 0] += 1
            } else {
                counters.findingsByType[rules[span.rule].type, default: 0] += 1
                counters.findingsByRule[rules[span.rule].id, default: 0] += 1
            }
        }
        return found
    }

    /// Masks a block of whole lines (each ending in `\n`, the last one possibly not) into
    /// `output`: lines with no candidate byte are copied in bulk, others masked one by one.
    func maskLines(_ block: UnsafeRawBufferPointer, policy: FieldPolicy,
                   into output: inout [UInt8], counters: inout MaskCounters) {
        // Masks seldom lengthen a block by much: no growth copies on the way.
        output.reserveCapacity(output.count + block.count + block.count / 8)
        var position = 0
        let newline = Int32(UInt8(ascii: "\n"))
        var candidates = CandidateCursor(policy)
        while let candidate = candidates.next(in: block, from: position) {
            let lineStart = Self.lineStart(in: block, before: candidate, notBefore: position)
            let lineEnd: Int
            if let found = memchr(block.baseAddress! + candidate, newline, block.count - candidate) {
                lineEnd = block.baseAddress!.distance(to: UnsafeRawPointer(found))
            } else {
                lineEnd = block.count
            }
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: block[position..<lineStart]))
            let line = UnsafeRawBufferPointer(rebasing: block[lineStart..<lineEnd])
            detect(line, policy: policy, knownFirst: candidate - lineStart)
            count(into: &counters)
            if spans.isEmpty {
                output.append(contentsOf: line)
            } else {
                render(line, into: &output)
            }
            // Past the line and its line break: every turn moves on, whatever byte the
            // prefilter stopped at (a rule's trigger may hold the line break itself).
            if lineEnd < block.count {
                output.append(UInt8(ascii: "\n"))
                position = lineEnd + 1
            } else {
                position = lineEnd
            }
        }
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: block[position...]))
    }

    /// The offset after the last `\n` in `block[floor..<offset]`, or `floor`: 8 bytes at a time.
    private static func lineStart(in block: UnsafeRawBufferPointer, before offset: Int, notBefore floor: Int) -> Int {
        let base = block.baseAddress!
        var index = offset
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        while index - 8 >= floor {
            let word = base.loadUnaligned(fromByteOffset: index - 8, as: UInt64.self) ^ (ones &* 0x0A)
            // A zero byte (a line break) sets its high bit here; a false hit only ever stands
            // above a real one, so a hit means this word holds a line break.
            if (word &- ones) & ~word & high != 0 { break }
            index -= 8
        }
        while index > floor && block[index - 1] != UInt8(ascii: "\n") { index -= 1 }
        return index
    }

    /// Whether `range` covers all of `value` but leading and trailing white space.
    static func spansWholeValue(_ range: Range<Int>, _ value: UnsafeRawBufferPointer) -> Bool {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        let first = value.firstIndex { !isSpace($0) } ?? value.count
        let last = (value.lastIndex { !isSpace($0) } ?? -1) + 1
        return range.lowerBound <= first && range.upperBound >= last
    }

    /// Sorts spans and merges overlapping ones; a merged span takes the mask of its
    /// highest-priority rule, and is rendered from the folded view only when one span found
    /// there covers it whole.
    private func mergeSpans() {
        spans.sort { $0.start < $1.start || ($0.start == $1.start && $0.end > $1.end) }
        var merged = 0
        for index in 1..<spans.count {
            let span = spans[index]
            if span.start < spans[merged].end {
                if span.end > spans[merged].end {
                    // The merged span grows: it is rendered from the view only when the span
                    // that makes it up whole was found there (same start, reaching its end).
                    if span.start == spans[merged].start {
                        spans[merged].viewStart = span.viewStart
                        spans[merged].viewEnd = span.viewEnd
                    } else {
                        spans[merged].viewStart = -1
                        spans[merged].viewEnd = -1
                    }
                    spans[merged].end = span.end
                }
                if span.rule >= 0, spans[merged].rule >= 0,
                   rules[span.rule].priority > rules[spans[merged].rule].priority {
                    spans[merged].rule = span.rule
                }
            } else {
                merged += 1
                spans[merged] = span
            }
        }
        spans.removeLast(spans.count - merged - 1)
    }
}
