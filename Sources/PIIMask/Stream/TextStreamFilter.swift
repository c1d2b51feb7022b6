/// The plain-text filter: reads lines from a file descriptor, masks each under one field
/// policy, and writes them out, one output line per input line, in order.
///
/// Lines are read in large blocks (`LineBlockReader`) and each block's output is written
/// before the next read: a chat message is never held back to fill a buffer, while a flood
/// is still read and written in large blocks, masked on `threads` threads.
public struct TextStreamFilter {
    private let masker: Masker
    private let policy: FieldPolicy
    /// The size of one read (and the initial buffer).
    private let blockSize: Int
    private let threads: Int

    /// A filter masking with `masker` under `policy` on up to `threads` threads.
    public init(masker: Masker, policy: FieldPolicy, threads: Int = 1, blockSize: Int = 1 << 20) {
        self.masker = masker
        self.policy = policy
        self.blockSize = max(blockSize, 1)
        self.threads = max(threads, 1)
    }

    /// Filters `input` to `output` until end of input.
    ///
    /// - Throws: `StreamError` when reading or writing fails (`isBrokenPipe` when the reader
    ///   of the output went away).
    public func run(input: Int32, output: Int32) throws(StreamError) -> StreamStats {
        let writer = FileOutput(descriptor: output)
        let blockMasker = ParallelBlockMasker(masker: masker, policy: policy, threads: threads)
        var stats = StreamStats()
        stats.bytesIn = try LineBlockReader(descriptor: input, blockSize: blockSize).forEachBlock { block throws(StreamError) in
            try blockMasker.mask(block, stats: &stats) { (bytes) throws(StreamError) in try writer.write(bytes) }
        }
        return stats
    }
}
