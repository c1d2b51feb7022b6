import Foundation
import Synchronization

/// A `piimask serve` process on a free loopback port, with its standard error collected.
final class ServeProcess: @unchecked Sendable {
    /// The `piimask` executable next to the test bundle (or `PIIMASK_BINARY`).
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["PIIMASK_BINARY"] {
            return URL(fileURLWithPath: path)
        }
        var folder = Bundle.main.bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("piimask")
    }()

    let process = Process()
    private let errors = CollectedText()
    private let reader: Thread
    /// The port the server listens on.
    private(set) var port = 0

    /// Starts `piimask serve --listen 127.0.0.1:0 <arguments>` and waits until it listens.
    init(_ arguments: [String]) throws {
        process.executableURL = Self.binary
        process.arguments = ["serve", "--listen", "127.0.0.1:0"] + arguments
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        let errors = errors
        let handle = stderr.fileHandleForReading
        reader = Thread {
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                errors.append(String(decoding: data, as: UTF8.self))
            }
        }
        try process.run()
        reader.start()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let port = Self.listeningPort(in: stderrText) {
                self.port = port
                return
            }
            if !process.isRunning { break }
            usleep(20_000)
        }
        process.terminate()
        throw ServeProcessError.didNotStart(stderrText)
    }

    /// Everything written to standard error so far.
    var stderrText: String { errors.text }

    /// Sends `signal` to the process.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the process to exit (at most `seconds`) and returns its status.
    func waitForExit(seconds: Double = 30) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        guard !process.isRunning else { return nil }
        while reader.isExecuting { usleep(1_000) }
        return process.terminationStatus
    }

    /// Waits until standard error contains `text` (at most `seconds`).
    func waitForLog(_ text: String, seconds: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if stderrText.contains(text) { return true }
            usleep(10_000)
        }
        return false
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// The port in the `listening` log line (`address=127.0.0.1:PORT` or `"address":"…"`).
    /// Only whole lines count: a line still being written could end inside the port.
    static func listeningPort(in log: String) -> Int? {
        let whole = log.hasSuffix("\n") ? Substring(log) : log[..<(log.lastIndex(of: "\n") ?? log.startIndex)]
        for line in whole.split(separator: "\n") where line.contains("listening") {
            guard let range = line.range(of: "127.0.0.1:") else { continue }
            let digits = line[range.upperBound...].prefix { $0.isNumber }
            if let port = Int(digits) { return port }
        }
        return nil
    }
}

/// Text appended by one thread and read by another.
final class CollectedText: Sendable {
    private let value = Mutex<String>("")

    func append(_ text: String) { value.withLock { $0 += text } }

    var text: String { value.withLock { $0 } }
}

enum ServeProcessError: Error {
    case didNotStart(String)
}
