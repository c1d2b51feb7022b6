import Glibc

/// An error that stopped a stream: reading or writing failed, or (with
/// `InvalidLinePolicy.fail`) a line was not valid JSON. Its message names the operation and
/// the system error, or the line number — never the data.
public struct StreamError: Error, Sendable, CustomStringConvertible {
    /// The operation that failed (`read`, `write` or `parse`).
    public let operation: String
    /// The `errno` value (0 for `parse`).
    public let code: Int32
    /// For `parse`: the 1-based line that was not valid JSON; for `scan`: the line too long.
    public let line: Int?
    /// Whether the line was too long to scan.
    public let tooLong: Bool

    init(operation: String, code: Int32, line: Int? = nil, tooLong: Bool = false) {
        self.operation = operation
        self.code = code
        self.line = line
        self.tooLong = tooLong
    }

    /// Whether the output's reader went away (EPIPE): the filter should end quietly.
    public var isBrokenPipe: Bool { code == EPIPE }

    /// `read failed: <strerror>`, or `line N is not valid JSON`.
    public var description: String {
        if let line, tooLong { return "line \(line) is longer than scan holds (16 MiB)" }
        if let line { return "line \(line) is not valid JSON" }
        return "\(operation) failed: \(String(cString: strerror(code)))"
    }
}

/// Reads a file descriptor with `read(2)`, retrying on EINTR unless `shouldStop` says to
/// stop (a signal asked the filter to finish): then it reports end of input.
struct FileInput {
    let descriptor: Int32
    let shouldStop: () -> Bool

    init(descriptor: Int32, shouldStop: @escaping () -> Bool = { false }) {
        self.descriptor = descriptor
        self.shouldStop = shouldStop
    }

    /// Reads at most `count` bytes into `buffer`; 0 at end of input.
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(StreamError) -> Int {
        while true {
            if shouldStop() { return 0 }
            let result = Glibc.read(descriptor, buffer, count)
            if result >= 0 { return result }
            if errno == EINTR { continue }
            throw StreamError(operation: "read", code: errno)
        }
    }
}

/// Writes to a file descriptor with `write(2)`, retrying partial writes and EINTR.
struct FileOutput {
    let descriptor: Int32

    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8]) throws(StreamError) {
        let result: Result<Void, StreamError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(StreamError) in try write(buffer) }
        }
        try result.get()
    }

    /// Writes all of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws(StreamError) {
        guard var pointer = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = Glibc.write(descriptor, pointer, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw StreamError(operation: "write", code: errno)
            }
            pointer += written
            remaining -= written
        }
    }
}
