import Glibc

/// Reads lines from a file descriptor as bytes, as they arrive: each line is handed out as
/// soon as its newline is read, unchanged (invalid UTF-8 and a `\r` kept).
struct LineReader {
    /// One line: its bytes without the newline, and whether a newline ended it.
    struct Line {
        var bytes: [UInt8]
        var newline: Bool
    }

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var ended = false

    /// A reader of `descriptor` (not closed by the reader).
    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// The next line, or nil at the end of input.
    /// - Throws: `ReadError` when reading fails.
    mutating func next() throws(ReadError) -> Line? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Line(bytes: Array(buffer[start..<newline]), newline: true)
                start = newline + 1
                return line
            }
            if ended {
                guard start < buffer.count else { return nil }
                let line = Line(bytes: Array(buffer[start...]), newline: false)
                start = buffer.count
                return line
            }
            buffer.removeFirst(start)
            start = 0
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(code: errno)
            }
            if count == 0 { ended = true } else { buffer += chunk[..<count] }
        }
    }

    /// A failed read: its errno.
    struct ReadError: Error, CustomStringConvertible {
        let code: Int32
        var description: String { String(cString: strerror(code)) }
    }
}
