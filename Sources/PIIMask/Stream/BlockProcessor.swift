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
}

/// Plain text: the lines are masked under one policy, with lines lacking any candidate byte
/// copied in bulk.
final class TextBlockProcessor: BlockProcessor {
    private let worker: MaskingWorker
    private let policy: FieldPolicy

    init(worker: MaskingWorker, policy: FieldPolicy) {
        self.worker = worker
        self.policy = policy
    }

    func process(_ block: UnsafeRawBufferPointer, into output: inout [UInt8], report: inout BlockReport) {
        worker.maskLines(block, policy: policy, into: &output, counters: &report.stats.counters)
        report.stats.lines += Lines.count(block)
    }
}
