import Foundation

/// Runs the built `piimask` binary for CLI tests.
enum CLIRunner {
    /// The `piimask` executable next to the test bundle (or `PIIMASK_BINARY`).
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["PIIMASK_BINARY"] {
            return URL(fileURLWithPath: path)
        }
        var folder = Bundle.main.bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("piimask")
    }()

    /// The package's root folder.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The result of one run.
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Starts piimask with `arguments` and pipes on its standard input and output (standard
    /// error to `stderr`, or inherited), without waiting for it.
    static func start(_ arguments: [String], stderr: Any? = nil) throws -> (Process, stdin: Pipe, stdout: Pipe) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        if let stderr { process.standardError = stderr }
        try process.run()
        return (process, stdin, stdout)
    }

    /// Runs piimask with `arguments`, `input` on stdin, in `directory` (default: a temporary one).
    static func run(_ arguments: [String], input: String = "", directory: URL? = nil) throws -> Result {
        try run(arguments, bytes: Data(input.utf8), directory: directory)
    }

    /// Runs piimask with `arguments` and `bytes` (any bytes, valid UTF-8 or not) on stdin.
    static func run(_ arguments: [String], bytes input: Data, directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? FileManager.default.temporaryDirectory
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errorData = Box()
        let errorReader = Thread { errorData.data = stderr.fileHandleForReading.readDataToEndOfFile() }
        errorReader.start()
        let outData = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while errorReader.isExecuting || !errorReader.isFinished { usleep(1_000) }
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errorData.data, as: UTF8.self))
    }

    /// A value filled by a reader thread.
    final class Box: @unchecked Sendable {
        var data = Data()
    }
}
