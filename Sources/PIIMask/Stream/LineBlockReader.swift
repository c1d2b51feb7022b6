import Glibc

/// Reads a file descriptor in large blocks and hands out runs of whole lines.
///
/// After every `read` that completes at least one line, those lines are handed out before
/// the next `read`: a line is never held back waiting for more input. A line longer than
/// the buffer makes the buffer grow. The last line at end of input may lack its newline.
struct LineBlockReader {
    private let input: FileInput
    private let blockSize: Int

    /// A reader of `descriptor` reading `blockSize` bytes at a time.
    init(descriptor: Int32, blockSize: Int) {
        input = FileInput(descriptor: descriptor)
        self.blockSize = max(blockSize, 1)
    }

    /// Calls `body` with each run of whole lines (each ending in `\n` but possibly the very
    /// last), in order, until end of input.
    ///
    /// - Returns: the number of bytes read.
    func forEachBlock(_ body: (UnsafeRawBufferPointer) throws(StreamError) -> Void) throws(StreamError) -> Int {
        var capacity = blockSize
        var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var filled = 0
        var total = 0
        while true {
            if filled == capacity {
                capacity *= 2
                let larger = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
                larger.copyMemory(from: buffer, byteCount: filled)
                buffer.deallocate()
                buffer = larger
            }
            let count = try input.read(into: buffer + filled, count: capacity - filled)
            if count == 0 { break }
            total += count
            let scanFrom = filled
            filled += count
            guard let lastNewline = Self.lastNewline(buffer, from: scanFrom, to: filled) else { continue }
            let complete = lastNewline + 1
            try body(UnsafeRawBufferPointer(start: buffer, count: complete))
            let rest = filled - complete
            if rest > 0 { buffer.copyMemory(from: buffer + complete, byteCount: rest) }
            filled = rest
        }
        if filled > 0 { try body(UnsafeRawBufferPointer(start: buffer, count: filled)) }
        return total
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
}

/// Counting and walking the lines of a block.
enum Lines {
    /// The number of lines in `block`: its newlines, plus one for a last line without one.
    static func count(_ block: UnsafeRawBufferPointer) -> Int {
        guard let base = block.baseAddress, block.count > 0 else { return 0 }
        var count = 0
        var position = base
        let end = base + block.count
        while position < end, let found = memchr(position, Int32(UInt8(ascii: "\n")), end - position) {
            count += 1
            position = UnsafeRawPointer(found) + 1
        }
        return block[block.count - 1] == UInt8(ascii: "\n") ? count : count + 1
    }

    /// The end of the line starting at `start`: the offset of its `\n`, or the block's end.
    static func end(in block: UnsafeRawBufferPointer, from start: Int) -> Int {
        guard let base = block.baseAddress,
              let found = memchr(base + start, Int32(UInt8(ascii: "\n")), block.count - start) else { return block.count }
        return base.distance(to: UnsafeRawPointer(found))
    }

    /// Calls `body` with each line of `block` (without its `\n`) in order.
    static func forEach(in block: UnsafeRawBufferPointer,
                        _ body: (UnsafeRawBufferPointer) throws(StreamError) -> Void) throws(StreamError) {
        guard let base = block.baseAddress else { return }
        var start = 0
        while start < block.count {
            let end: Int
            if let found = memchr(base + start, Int32(UInt8(ascii: "\n")), block.count - start) {
                end = base.distance(to: UnsafeRawPointer(found))
            } else {
                end = block.count
            }
            try body(UnsafeRawBufferPointer(rebasing: block[start..<end]))
            start = end + 1
        }
    }
}
