/// Masks a line too long to hold whole, piece by piece, in bounded memory.
///
/// The line is masked in windows: each window is the unfinished tail of the previous one
/// plus the next piece. Spans that end before the window's last `overlap` bytes are
/// written out; the rest is carried into the next window, so a value that straddles two
/// pieces is found whole. Up to `context` bytes before the carried tail stay with it as
/// context for lookbehinds and context words. A match longer than `overlap` that still
/// reaches into the tail cannot be held: from its start to the end of the line everything
/// is masked with the fail-closed mask (whitespace kept), since where it ends is unknown.
final class LongLineMasker {
    /// Bytes at the end of a window that are not written out yet (longer than any
    /// built-in match: an e-mail address is at most 320 bytes).
    static let overlap = 4_096
    /// Bytes of already written text kept before the tail, for lookbehinds and context words.
    static let context = 256

    private let worker: MaskingWorker
    private let policy: FieldPolicy
    /// The window: context, then the unwritten tail, then room for the next piece.
    private var window: [UInt8] = []
    /// Where the unwritten bytes start in `window`.
    private var pending = 0
    /// Whether the line being fed has had a finding yet.
    private var lineHasFinding = false
    /// Whether a match too long to hold was cut: the rest of the line is masked whole.
    private var maskingRest = false

    init(worker: MaskingWorker, policy: FieldPolicy) {
        self.worker = worker
        self.policy = policy
    }

    /// Masks the next piece of the line; `isLast` when it ends the line (the newline is not
    /// part of `piece`). Appends what can be written to `output`.
    func feed(_ piece: UnsafeRawBufferPointer, isLast: Bool, into output: inout [UInt8],
              counters: inout MaskCounters) {
        if maskingRest {
            Mask.everything.render(piece, into: &output)
            if isLast { finishLine(&counters) }
            return
        }
        window.append(contentsOf: piece)
        window.withUnsafeBytes { value in
            worker.detect(value, policy: policy, from: pending)
            var commit = isLast ? value.count : max(pending, value.count - Self.overlap)
            if !isLast {
                for span in worker.spans where span.start < commit && span.end > commit {
                    commit = span.start
                }
                if commit == pending, let first = worker.spans.first(where: { $0.end > pending }),
                   value.count - pending > 2 * Self.overlap {
                    // A match longer than the overlap keeps the window from moving: mask
                    // from its start on, so memory stays bounded and nothing leaks.
                    worker.markUndecided(first.start..<value.count)
                    commit = value.count
                    maskingRest = true
                }
            }
            lineHasFinding = worker.countFindings(in: pending..<commit, into: &counters) || lineHasFinding
            worker.render(value, into: &output, from: pending, upTo: commit)
            if isLast {
                finishLine(&counters)
            } else if maskingRest {
                window.removeAll(keepingCapacity: false)
                pending = 0
            } else {
                let keepFrom = max(0, commit - Self.context)
                window.removeFirst(keepFrom)
                pending = commit - keepFrom
            }
        }
    }

    /// Counts the line and resets for the next one.
    private func finishLine(_ counters: inout MaskCounters) {
        if lineHasFinding { counters.maskedValues += 1 }
        lineHasFinding = false
        maskingRest = false
        window.removeAll(keepingCapacity: false)
        pending = 0
    }
}
