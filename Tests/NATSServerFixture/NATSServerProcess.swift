import Foundation

/// A real `nats-server` with JetStream, started by a test on a free loopback port with a
/// store folder of its own; `stop()` kills it and removes the folder.
///
/// The server binary is Debian's `/usr/sbin/nats-server`, or the path in `NATS_SERVER`.
public final class NATSServerProcess: @unchecked Sendable {
    /// The port it listens on (127.0.0.1).
    public let port: Int
    /// Its URL, for `NATSConnection.Options`.
    public var url: String { "nats://127.0.0.1:\(port)" }
    /// The folder holding its configuration and JetStream store.
    public let folder: URL
    private var process: Process?

    /// Starts a server and waits until it accepts connections.
    ///
    /// - Parameter extraConfiguration: lines added to the server's configuration file (e.g. a
    ///   `mappings` block).
    public init(extraConfiguration: String = "") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-nats-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        port = try Self.freePort()
        let config = """
            listen: "127.0.0.1:\(port)"
            jetstream { store_dir: "\(folder.appendingPathComponent("store").path)" }
            \(extraConfiguration)
            """
        try config.write(to: folder.appendingPathComponent("nats.conf"), atomically: true, encoding: .utf8)
        try start()
    }

    deinit { stop() }

    /// Starts the server again on the same port and store (after `terminate()`).
    public func start() throws {
        let process = Process()
        let binary = ProcessInfo.processInfo.environment["NATS_SERVER"] ?? "/usr/sbin/nats-server"
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-c", folder.appendingPathComponent("nats.conf").path]
        let log = folder.appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        self.process = process
        try waitUntilListening()
    }

    /// Stops the server gracefully (SIGTERM) and waits for it to exit; the store is kept.
    public func terminate() {
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
        self.process = nil
    }

    /// Stops the server and removes its folder.
    public func stop() {
        terminate()
        try? FileManager.default.removeItem(at: folder)
    }

    private func waitUntilListening() throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if Self.canConnect(port: port) { return }
            guard process?.isRunning == true else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let log = (try? String(contentsOf: folder.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
        throw ServerError(message: "nats-server did not start on port \(port): \(log.suffix(2000))")
    }

    private static func canConnect(port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// A port the kernel just handed out for 127.0.0.1 and that is free again.
    public static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ServerError(message: "socket() failed") }
        defer { close(socket) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard bound else { throw ServerError(message: "bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    /// The server could not be started.
    public struct ServerError: Error, CustomStringConvertible {
        /// What went wrong.
        public let description: String
        init(message: String) { description = message }
    }
}
