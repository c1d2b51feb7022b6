import Glibc

/// The plain-text filter: reads lines from a file descriptor, masks each under one field
/// policy, and writes them out, one output line per input line, in order.
///
/// After every `read` that completes at least one line, the output for those lines is
/// written before the next `read`: a chat message is never held back to fill a buffer,
/// while a flood is still read and written in large blocks.
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
        let reader = FileInput(descriptor: input)
        let writer = FileOutput(descriptor: output)
        let worker = masker.makeWorker()
        var stats = StreamStats()
        var capacity = blockSize
        var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var filled = 0
        var out: [UInt8] = []
        out.reserveCapacity(blockSize + blockSize / 4)

        func emit(_ count: Int) throws(StreamError) {
            let block = UnsafeRawBufferPointer(start: buffer, count: count)
            out.removeAll(keepingCapacity: true)
            worker.maskLines(block, policy: policy, into: &out, counters: &stats.counters)
            stats.lines += Self.countNewlines(block)
            stats.bytesOut += out.count
            let result: Result<Void, StreamError> = out.withUnsafeBytes { bytes in
                Result { () throws(StreamError) in try writer.write(bytes) }
            }
            try result.get()
        }

        while true {
            if filled == capacity {
                // A line longer than the buffer: grow it.
                capacity *= 2
                let larger = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
                larger.copyMemory(from: buffer, byteCount: filled)
                buffer.deallocate()
                buffer = larger
            }
            let count = try reader.read(into: buffer + filled, count: capacity - filled)
            if count == 0 { break }
            stats.bytesIn += count
            let scanFrom = filled
            filled += count
            guard let lastNewline = Self.lastNewline(buffer, from: scanFrom, to: filled) else { continue }
            let complete = lastNewline + 1
            try emit(complete)
            let rest = filled - complete
            if rest > 0 { buffer.copyMemory(from: buffer + complete, byteCount: rest) }
            filled = rest
        }
        if filled > 0 {
            try emit(filled)
            stats.lines += 1  // the last line had no newline
        }
        return stats
    }

    private static func lastNewline(_ buffer: UnsafeMutableRawPointer, from start: Int, to end: Int) -> Int? {
        let bytes = UnsafeRawBufferPointer(start: buffer, count: end)
        var index = end
        while index > start {
            index -= 1
            if bytes[index] == UInt8(ascii: "\n") { return index }
        }
        return nil
    }

    private static func countNewlines(_ block: UnsafeRawBufferPointer) -> Int {
        guard let base = block.baseAddress else { return 0 }
        var count = 0
        var position = base
        let end = base + block.count
        while position < end, let found = memchr(position, Int32(UInt8(ascii: "\n")), end - position) {
            count += 1
            position = UnsafeRawPointer(found) + 1
        }
        return count
    }
}
