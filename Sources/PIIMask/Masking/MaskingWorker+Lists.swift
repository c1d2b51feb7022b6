/// The allow-list step of detection: findings whose value an allow entry lists are taken out
/// of the spans to mask, and kept aside to be counted as allowed.
extension MaskingWorker {
    /// Moves the spans whose value `allowList` allows from `spans` to the allowed spans.
    ///
    /// A span is judged on the bytes its mask would be rendered from (its folded view, when
    /// found there), as a whole: a span merged from overlapping findings, or one a search
    /// could not decide, is never allowed.
    ///
    /// - Complexity: per span of an allowed type, O(span length) and one hash look-up.
    func removeAllowed(_ value: UnsafeRawBufferPointer, _ allowList: AllowList) {
        var kept = 0
        for index in spans.indices {
            let span = spans[index]
            if span.rule >= 0, isAllowed(span, in: value, allowList) {
                state.pointee.allowed.append(span)
            } else {
                spans[kept] = span
                kept += 1
            }
        }
        spans.removeLast(spans.count - kept)
    }

    private func isAllowed(_ span: Span, in value: UnsafeRawBufferPointer, _ allowList: AllowList) -> Bool {
        let type = rules[span.rule].type
        guard AllowList.allowableTypes.contains(type) else { return false }
        if span.viewStart >= 0 {
            return state.pointee.view.bytes.withUnsafeBytes {
                allowList.allows(type: type, UnsafeRawBufferPointer(rebasing: $0[span.viewStart..<span.viewEnd]))
            }
        }
        return allowList.allows(type: type, UnsafeRawBufferPointer(rebasing: value[span.start..<span.end]))
    }

    /// Adds the allowed spans of the last `detect` (those in `range`, when given) to
    /// `counters.allowedByType`.
    func countAllowed(in range: Range<Int>? = nil, into counters: inout MaskCounters) {
        for span in state.pointee.allowed {
            if let range, span.start < range.lowerBound || span.end > range.upperBound { continue }
            counters.allowedByType[rules[span.rule].type, default: 0] += 1
        }
    }

    /// How many findings of the last `detect` an allow list let through.
    var allowedCount: Int { state.pointee.allowed.count }
}
