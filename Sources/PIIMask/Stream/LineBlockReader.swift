import Glibc

/// What a `LineBlockReader` hands out.
enum LineChunk {
    /// A run of whole lines, each ending in `\n` but possibly the very last of the input.
    case lines(UnsafeRawBufferPointer)
    /// A piece of a line longer than the reader holds; `isLast` when it ends the line (its
    /// `\n`, if any, is not part of the piece and is to be written after it).
    case longLinePiece(UnsafeRawBufferPointer, isLast: Bool, hasNewline: Bool)
}

/// Reads a file descriptor in large blocks and hands out runs of whole lines.
///
/// After every `read` that completes at least one line, those lines are handed out before
/// the next `read`: a line is never held back waiting for more input. A line longer than
/// the block makes the buffer grow up to `maxLineLength`; a longer line is handed out in
/// pieces, so memory stays bounded whatever the input. The last line at end of input may
/// lack its newline. Reading stops early, as at end of input, when `shouldStop` says so
/// after a signal interrupted a read.
struct LineBlockReader {
    private let input: FileInput
    private let blockSize: Int
    private let maxLineLength: Int

    /// A reader of `descriptor` reading `blockSize` bytes at a time, holding lines of up to
    /// `maxLineLength` bytes whole.
    init(descriptor: Int32, blockSize: Int, maxLineLength: Int = 16 << 20,
         shouldStop: @escaping () -> Bool = { false }) {
        input = FileInput(descriptor: descriptor, shouldStop: shouldStop)
        self.blockSize = max(blockSize, 1)
        self.maxLineLength = max(maxLineLength, self.blockSize)
    }

    /// Calls `body` with each chunk, in order, until end of input.
    ///
    /// - Returns: the number of bytes read.
    func forEachChunk(_ body: (LineChunk) throws(StreamError) -> Void) throws(StreamError) -> Int {
        var capacity = blockSize
        var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var filled = 0
        var total = 0
        var inLongLine = false
        while true {
            if filled == capacity {
                if capacity < maxLineLength {
                    capacity = min(capacity * 2, maxLineLength)
                    let larger = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
                    larger.copyMemory(from: buffer, byteCount: filled)
                    buffer.deallocate()
                    buffer = larger
                } else {
                    try body(.longLinePiece(UnsafeRawBufferPointer(start: buffer, count: filled),
                                            isLast: false, hasNewline: false))
                    inLongLine = true
                    filled = 0
                }
            }
            let count = try input.read(into: buffer + filled, count: capacity - filled)
            if count == 0 { break }
            total += count
            var scanFrom = filled
            filled += count
            if inLongLine {
                // The long line ends at the first newline; whole lines may follow it.
                guard let newline = Self.firstNewline(buffer, from: scanFrom, to: filled) else { continue }
                try body(.longLinePiece(UnsafeRawBufferPointer(start: buffer, count: newline),
                                        isLast: true, hasNewline: true))
                inLongLine = false
                let rest = filled - newline - 1
                if rest > 0 { buffer.copyMemory(from: buffer + newline + 1, byteCount: rest) }
                filled = rest
                scanFrom = 0
            }
            guard let lastNewline = Self.lastNewline(buffer, from: scanFrom, to: filled) else { continue }
            let complete = lastNewline + 1
            try body(.lines(UnsafeRawBufferPointer(start: buffer, count: complete)))
            let rest = filled - complete
            if rest > 0 { buffer.copyMemory(from: buffer + complete, byteCount: rest) }
            filled = rest
        }
        if inLongLine {
            try body(.longLinePiece(UnsafeRawBufferPointer(start: buffer, count: filled), isLast: true, hasNewline: false))
        } else if filled > 0 {
            try body(.lines(UnsafeRawBufferPointer(start: buffer, count: filled)))
        }
        return total
    }

    private static func firstNewline(_ buffer: UnsafeMutableRawPointer, from start: Int, to end: Int) -> Int? {
        guard let found = memchr(buffer + start, Int32(UInt8(ascii: "\n")), end - start) else { return nil }
        return buffer.distance(to: found)
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
