import Glibc
import PCRE2

/// Counts of what masking saw; added up across blocks and threads for `--stats`.
public struct MaskCounters: Sendable, Equatable {
    /// Values (lines, or JSON strings) that had at least one finding.
    public var maskedValues = 0
    /// Findings per data type.
    public var findingsByType: [String: Int] = [:]
    /// Values masked whole because a rule hit PCRE2's match limit.
    public var undecidedValues = 0

    /// Creates zero counters.
    public init() {}

    /// Adds `other` to these counters.
    public mutating func add(_ other: MaskCounters) {
        maskedValues += other.maskedValues
        undecidedValues += other.undecidedValues
        for (type, count) in other.findingsByType { findingsByType[type, default: 0] += count }
    }
}

/// The per-thread state of a `Masker`: PCRE2 scratch and reusable span storage. It finds
/// the spans to mask in a value and writes the masked value.
///
/// Used by one thread at a time: `@unchecked Sendable` only so that the masker's pool can
/// hand it from one thread to the next under its lock.
final class MaskingWorker: @unchecked Sendable {
    /// A span to mask: a byte range and the rule whose mask applies (-1: undecided, mask all).
    struct Span {
        var start: Int
        var end: Int
        var rule: Int
    }

    private let rules: [CompiledRule]
    private let scratch: MatchScratch
    private let recorder = CombinedRecorder()
    /// The spans of the last `detect` call, sorted and merged.
    private(set) var spans: [Span] = []
    /// The JSON rewriter for library calls that mask one event (created on first use).
    private(set) lazy var eventRewriter = JSONLineRewriter()

    init(rules: [CompiledRule], limits: MatchLimits) {
        self.rules = rules
        scratch = MatchScratch(maxCaptureCount: rules.map(\.pattern.captureCount).reduce(0, +), limits: limits)
        spans.reserveCapacity(16)
    }

    /// Finds what to mask in `value` under `policy`, leaving the merged spans in `spans`.
    ///
    /// With `from`, matches start at or after that offset; the bytes before it are context
    /// (lookbehinds and context words see them).
    func detect(_ value: UnsafeRawBufferPointer, policy: FieldPolicy, from: Int = 0) {
        spans.removeAll(keepingCapacity: true)
        // Which members of the combined pattern can match, and where each first can: the
        // others are not run. When the search cannot finish (match limit), all are run.
        // A validator's digit minimum is a bound no pattern search is needed to check.
        let digits = Self.countDigits(value, from: from)
        var recorded = false
        // (With fewer digits than any member needs, the members are skipped below anyway.)
        if let combined = policy.combined, digits >= combined.minimumDigits {
            recorder.reset()
            do {
                _ = try combined.pattern.firstMatch(in: value, from: from, scratch: scratch, accept: recorder)
                recorded = true
            } catch {
                recorded = false
            }
        }
        for ruleIndex in policy.ruleIndexes {
            // The rules live as long as the masker; no reference counting on this hot path.
            unowned(unsafe) let rule = rules[ruleIndex]
            if digits < rule.minimumDigits { continue }
            var offset = from
            if recorded, let combined = policy.combined, combined.isMember[ruleIndex] {
                guard let start = recorder.start(ofMember: combined.memberNumber[ruleIndex]) else { continue }
                offset = start
            }
            if let byte = rule.triggerByte, let base = value.baseAddress,
               memchr(base, Int32(byte), value.count) == nil {
                continue
            }
            if !rule.containsRequiredSequence(value) { continue }
            while offset <= value.count {
                let found: Range<Int>?
                do {
                    found = try rule.pattern.firstMatch(in: value, from: offset, scratch: scratch, accept: rule.filter)
                } catch {
                    failClosed(value)
                    return
                }
                guard let range = found else { break }
                if !policy.wholeValue || Self.spansWholeValue(range, value) {
                    spans.append(Span(start: range.lowerBound, end: range.upperBound, rule: ruleIndex))
                }
                offset = range.isEmpty ? range.upperBound + 1 : range.upperBound
            }
        }
        if spans.count > 1 { mergeSpans() }
    }

    /// Forgets the spans of the last `detect`.
    func clear() {
        spans.removeAll(keepingCapacity: true)
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
    /// in it masked (a span must not straddle `from` or `upTo`).
    func render(_ value: UnsafeRawBufferPointer, into output: inout [UInt8],
                from: Int = 0, upTo: Int? = nil) {
        let end = upTo ?? value.count
        var position = from
        for span in spans where span.start >= from && span.end <= end {
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: value[position..<span.start]))
            let mask = span.rule >= 0 ? rules[span.rule].mask : Mask.everything
            mask.render(UnsafeRawBufferPointer(rebasing: value[span.start..<span.end]), into: &output)
            position = span.end
        }
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: value[position..<end]))
    }

    /// Like `detect`, but skips the search when no byte of `value` can start a match.
    /// - Returns: whether anything was found.
    @discardableResult
    func detectIfCandidate(_ value: UnsafeRawBufferPointer, policy: FieldPolicy) -> Bool {
        guard policy.prefilter.firstCandidate(in: value, from: 0) != nil else {
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
            mask.render(UnsafeRawBufferPointer(rebasing: value[span.start..<span.end]), into: &masked)
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
        guard !spans.isEmpty else { return }
        counters.maskedValues += 1
        for span in spans {
            if span.rule < 0 {
                counters.undecidedValues += 1
                counters.findingsByType[Finding.undecidedType, default: 0] += 1
            } else {
                counters.findingsByType[rules[span.rule].type, default: 0] += 1
            }
        }
    }

    /// Adds the findings of the last `detect` that lie in `range` to `counters` (not
    /// `maskedValues`); whether there were any.
    func countFindings(in range: Range<Int>, into counters: inout MaskCounters) -> Bool {
        var found = false
        for span in spans where span.start >= range.lowerBound && span.end <= range.upperBound {
            found = true
            if span.rule < 0 {
                counters.undecidedValues += 1
                counters.findingsByType[Finding.undecidedType, default: 0] += 1
            } else {
                counters.findingsByType[rules[span.rule].type, default: 0] += 1
            }
        }
        return found
    }

    /// Masks a block of whole lines (each ending in `\n`, the last one possibly not) into
    /// `output`: lines with no candidate byte are copied in bulk, others masked one by one.
    func maskLines(_ block: UnsafeRawBufferPointer, policy: FieldPolicy,
                   into output: inout [UInt8], counters: inout MaskCounters) {
        var position = 0
        let newline = Int32(UInt8(ascii: "\n"))
        while let candidate = policy.prefilter.firstCandidate(in: block, from: position) {
            var lineStart = candidate
            while lineStart > position && block[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
            let lineEnd: Int
            if let found = memchr(block.baseAddress! + candidate, newline, block.count - candidate) {
                lineEnd = block.baseAddress!.distance(to: UnsafeRawPointer(found))
            } else {
                lineEnd = block.count
            }
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: block[position..<lineStart]))
            let line = UnsafeRawBufferPointer(rebasing: block[lineStart..<lineEnd])
            detect(line, policy: policy)
            if spans.isEmpty {
                output.append(contentsOf: line)
            } else {
                count(into: &counters)
                render(line, into: &output)
            }
            position = lineEnd
        }
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: block[position...]))
    }

    /// The number of ASCII digits in `value[from...]`, 8 bytes at a time.
    private static func countDigits(_ value: UnsafeRawBufferPointer, from: Int) -> Int {
        guard let base = value.baseAddress else { return 0 }
        let high: UInt64 = 0x8080_8080_8080_8080
        let zeros: UInt64 = 0x3030_3030_3030_3030
        let nines: UInt64 = 0x3939_3939_3939_3939
        var count = 0
        var index = from
        while index + 8 <= value.count {
            let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let seven = word & ~high
            // Per byte below 0x80: high bit set iff '0' <= byte <= '9' (no borrow crosses bytes).
            let digits = ((seven | high) &- zeros) & ((nines | high) &- seven) & ~word & high
            count += digits.nonzeroBitCount
            index += 8
        }
        while index < value.count {
            if value[index] &- 0x30 < 10 { count += 1 }
            index += 1
        }
        return count
    }

    /// Whether `range` covers all of `value` but leading and trailing white space.
    private static func spansWholeValue(_ range: Range<Int>, _ value: UnsafeRawBufferPointer) -> Bool {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        let first = value.firstIndex { !isSpace($0) } ?? value.count
        let last = (value.lastIndex { !isSpace($0) } ?? -1) + 1
        return range.lowerBound <= first && range.upperBound >= last
    }

    /// Sorts spans and merges overlapping ones; a merged span takes the mask of its
    /// highest-priority rule.
    private func mergeSpans() {
        spans.sort { $0.start < $1.start || ($0.start == $1.start && $0.end > $1.end) }
        var merged = 0
        for index in 1..<spans.count {
            let span = spans[index]
            if span.start < spans[merged].end {
                spans[merged].end = max(spans[merged].end, span.end)
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
