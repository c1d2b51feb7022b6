/// What processing one block of lines found, besides its output.
struct BlockReport {
    /// Lines, output bytes and findings.
    var stats = StreamStats()
    /// The 0-based indexes (in the block) of lines that were not valid JSON.
    var invalidLines: [Int] = []
    /// With `InvalidLinePolicy.fail`: the index of the first invalid line, and how many
    /// output bytes came before it. Processing of the block stopped there.
    var failure: (line: Int, outputCount: Int)?
}

/// Masks one block of whole lines into an output buffer. Each thread has its own.
protocol BlockProcessor: AnyObject {
    /// Masks `block` (whole lines, each ending in `\n` but possibly the last), appending
    /// to `output`, and adds what it saw to `report`.
    func process(_ block: UnsafeRawBufferPointer, into output: inout [UInt8], report: inout BlockReport)

    /// Masks the next piece of a line too long to hold whole (see `LongLineMasker`).
    func processLongLinePiece(_ piece: UnsafeRawBufferPointer, isLast: Bool, hasNewline: Bool,
                              into output: inout [UInt8], report: inout BlockReport)
}

extension BlockProcessor {
    /// Feeds `piece` to `masker` and, at the line's end, counts the line and writes its newline.
    func feed(_ masker: LongLineMasker, _ piece: UnsafeRawBufferPointer, isLast: Bool, hasNewline: Bool,
              into output: inout [UInt8], report: inout BlockReport) {
        masker.feed(piece, isLast: isLast, into: &output, counters: &report.stats.counters)
        if isLast {
            report.stats.lines += 1
            report.stats.longLines += 1
            if hasNewline { output.append(UInt8(ascii: "\n")) }
        }
    }
}

/// Plain text: the lines are masked under one policy, with lines lacking any candidate byte
/// copied in bulk.
final class TextBlockProcessor: BlockProcessor {
    private let worker: MaskingWorker
    private let policy: FieldPolicy
    private let longLine: LongLineMasker

    init(worker: MaskingWorker, policy: FieldPolicy) {
        self.worker = worker
        self.policy = policy
        longLine = LongLineMasker(worker: worker, policy: policy)
    }

    func processLongLinePiece(_ piece: UnsafeRawBufferPointer, isLast: Bool, hasNewline: Bool,
                              into output: inout [UInt8], report: inout BlockReport) {
        feed(longLine, piece, isLast: isLast, hasNewline: hasNewline, into: &output, report: &report)
    }

    func process(_ block: UnsafeRawBufferPointer, into output: inout [UInt8], report: inout BlockReport) {
        worker.maskLines(block, policy: policy, into: &output, counters: &report.stats.counters)
        report.stats.lines += Lines.count(block)
    }
}
