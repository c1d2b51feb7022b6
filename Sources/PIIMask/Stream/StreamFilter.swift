/// The filter: reads lines from a file descriptor, masks them, and writes them out, one
/// output line per input line, in order (`InvalidLinePolicy.drop` aside).
///
/// Lines are read in large blocks (`LineBlockReader`) and each block's output is written
/// before the next read: a chat message is never held back to fill a buffer, while a flood
/// is still read and written in large blocks, masked on `threads` threads.
public struct StreamFilter {
    private let masker: Masker
    private let policy: FieldPolicy
    private let format: StreamFormat
    /// The size of one read (and the initial buffer).
    private let blockSize: Int
    /// Lines up to this long are held whole; longer ones are masked in pieces.
    private let maxLineLength: Int
    private let threads: Int
    /// NDJSON: how conversations are followed (nil: each event on its own).
    private let conversations: ConversationOptions?

    /// A filter masking with `masker`: text lines under `policy`; NDJSON string values under
    /// the policy their path maps to (`policy` for unmapped paths is not used: they get the
    /// masker's default policy).
    ///
    /// Memory stays bounded: lines up to `maxLineLength` bytes are held whole, longer ones
    /// are masked in pieces of that size (see `LongLineMasker`).
    ///
    /// With `conversations` (NDJSON), each event's chat text is masked with its
    /// conversation's earlier text in view, so that values typed across messages are masked;
    /// events are then masked on one thread, in order.
    public init(masker: Masker, policy: FieldPolicy, format: StreamFormat = .text,
                threads: Int = 1, blockSize: Int = 1 << 20, maxLineLength: Int = 16 << 20,
                conversations: ConversationOptions? = nil) {
        self.masker = masker
        self.policy = policy
        self.format = format
        self.blockSize = max(blockSize, 1)
        self.maxLineLength = max(maxLineLength, self.blockSize)
        if case .ndjson = format, conversations != nil {
            self.threads = 1
            self.conversations = conversations
        } else {
            self.threads = max(threads, 1)
            self.conversations = nil
        }
    }

    /// Filters `input` to `output` until end of input.
    ///
    /// - Parameters:
    ///   - invalidLine: called with the 1-based number of each NDJSON line that was not
    ///     valid JSON.
    ///   - shouldStop: asked when a signal interrupts a read; true ends the input there, as
    ///     at its end (the lines read so far are masked and written).
    ///   - newerMasker: asked before each block; a masker other than the one in use (by
    ///     identity) replaces it from that block on, with the policy of the same field
    ///     category (rules reloaded while the filter runs).
    ///   - progress: called after each block with the counts so far.
    /// - Throws: `StreamError` when reading or writing fails (`isBrokenPipe` when the reader
    ///   of the output went away), or at an invalid line with `InvalidLinePolicy.fail`.
    public func run(input: Int32, output: Int32, invalidLine: (Int) -> Void = { _ in },
                    shouldStop: @escaping () -> Bool = { false },
                    newerMasker: () -> Masker? = { nil },
                    progress: (StreamStats) -> Void = { _ in }) throws(StreamError) -> StreamStats {
        let writer = FileOutput(descriptor: output)
        var masker = self.masker
        var blockMasker = Self.blockMasker(masker, policy, format, threads, conversations)
        var stats = StreamStats()
        let reader = LineBlockReader(descriptor: input, blockSize: blockSize, maxLineLength: maxLineLength,
                                     shouldStop: shouldStop)
        var bytesIn = 0
        stats.bytesIn = try reader.forEachChunk { chunk throws(StreamError) in
            if let newer = newerMasker(), newer !== masker {
                masker = newer
                blockMasker = Self.blockMasker(newer, newer.policy(for: policy.id), format, threads, conversations)
            }
            switch chunk {
            case .lines(let block):
                bytesIn += block.count
                try blockMasker.mask(block, stats: &stats, invalidLine: invalidLine) { (bytes) throws(StreamError) in
                    try writer.write(bytes)
                }
            case .longLinePiece(let piece, let isLast, let hasNewline):
                bytesIn += piece.count + (hasNewline ? 1 : 0)
                try blockMasker.maskLongLinePiece(piece, isLast: isLast, hasNewline: hasNewline,
                                                  stats: &stats) { (bytes) throws(StreamError) in
                    try writer.write(bytes)
                }
            }
            stats.bytesIn = bytesIn
            progress(stats)
        }
        return stats
    }

    /// The parallel block masker for `masker`: one processor per thread.
    private static func blockMasker(_ masker: Masker, _ policy: FieldPolicy, _ format: StreamFormat,
                                    _ threads: Int, _ conversations: ConversationOptions?) -> ParallelBlockMasker {
        ParallelBlockMasker(threads: threads) { () -> any BlockProcessor in
            switch format {
            case .text:
                return TextBlockProcessor(worker: masker.makeWorker(), policy: policy)
            case .ndjson(let onInvalid):
                return NDJSONBlockProcessor(worker: masker.makeWorker(), masker: masker, onInvalid: onInvalid,
                                            conversations: conversations.map { ConversationTracker(options: $0) })
            }
        }
    }
}
