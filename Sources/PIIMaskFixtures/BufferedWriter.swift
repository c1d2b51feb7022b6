import Foundation

/// Collects output bytes in a large block and hands each full block to a sink, so that
/// writing many short lines costs one system call per block rather than one per line.
public final class BufferedWriter {
    private var buffer: [UInt8] = []
    private let capacity: Int
    private let sink: ([UInt8]) throws -> Void

    /// Creates a writer that passes blocks of about `capacity` bytes to `sink`.
    public init(capacity: Int = 1 << 20, sink: @escaping ([UInt8]) throws -> Void) {
        self.capacity = capacity
        self.sink = sink
        buffer.reserveCapacity(capacity)
    }

    /// Creates a writer onto an open file handle (a file or standard output).
    public convenience init(fileHandle: FileHandle, capacity: Int = 1 << 20) {
        self.init(capacity: capacity) { block in
            try fileHandle.write(contentsOf: block)
        }
    }

    /// Appends bytes, passing the block on when it is full.
    public func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity {
            try flush()
        }
    }

    /// Passes on whatever is buffered.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try sink(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
