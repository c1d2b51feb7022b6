/// The plain-text filter: reads lines from a file descriptor, masks each under one field
/// policy, and writes them out, one output line per input line, in order.
///
/// Lines are read in large blocks (`LineBlockReader`) and each block's output is written
/// before the next read: a chat message is never held back to fill a buffer, while a flood
/// is still read and written in large blocks.
public struct TextStreamFilter {
    private let masker: Masker
    private let policy: FieldPolicy
    /// The size of one read (and the initial buffer).
    private let blockSize: Int

    /// A filter masking with `masker` under `policy`.
    public init(masker: Masker, policy: FieldPolicy, blockSize: Int = 1 << 20) {
        self.masker = masker
        self.policy = policy
        self.blockSize = max(blockSize, 1)
    }

    /// Filters `input` to `output` until end of input.
    ///
    /// - Throws: `StreamError` when reading or writing fails (`isBrokenPipe` when the reader
    ///   of the output went away).
    public func run(input: Int32, output: Int32) throws(StreamError) -> StreamStats {
        let writer = FileOutput(descriptor: output)
        let worker = masker.makeWorker()
        var stats = StreamStats()
        var out: [UInt8] = []
        out.reserveCapacity(blockSize + blockSize / 4)
        stats.bytesIn = try LineBlockReader(descriptor: input, blockSize: blockSize).forEachBlock { block throws(StreamError) in
            out.removeAll(keepingCapacity: true)
            worker.maskLines(block, policy: policy, into: &out, counters: &stats.counters)
            stats.lines += Lines.count(block)
            stats.bytesOut += out.count
            try writer.write(out)
        }
        return stats
    }
}
