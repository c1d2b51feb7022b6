internal import CNATS

/// A connection to a NATS server (or cluster), reconnecting on its own when the server goes
/// away. Thread-safe, as the C client's connection is; closed and freed on `deinit`.
public final class NATSConnection: @unchecked Sendable {
    /// How to connect.
    public struct Options: Sendable {
        /// Server URLs (`nats://host:4222`); the client picks one and fails over to the others.
        public var servers: [String]
        /// The connection's name, shown by the server's monitoring.
        public var name: String?
        /// How long to wait between reconnect attempts to the same server.
        public var reconnectWait: Duration
        /// Reconnect attempts per server before giving up; nil: never give up.
        public var maxReconnects: Int?
        /// How long the first connect may take.
        public var connectTimeout: Duration

        /// Options for `servers`, reconnecting forever every 250 ms.
        public init(servers: [String], name: String? = nil, reconnectWait: Duration = .milliseconds(250),
                    maxReconnects: Int? = nil, connectTimeout: Duration = .seconds(2)) {
            self.servers = servers
            self.name = name
            self.reconnectWait = reconnectWait
            self.maxReconnects = maxReconnects
            self.connectTimeout = connectTimeout
        }
    }

    let pointer: OpaquePointer

    /// Connects.
    ///
    /// - Throws: `NATSError` when no server could be reached or an option was refused.
    public init(_ options: Options) throws(NATSError) {
        var natsOptions: OpaquePointer?
        try check(natsOptions_Create(&natsOptions))
        defer { natsOptions_Destroy(natsOptions) }
        var strings = CStrings()
        defer { strings.free() }
        var servers: [UnsafePointer<CChar>?] = options.servers.map { strings.copy($0) }
        try check(servers.withUnsafeMutableBufferPointer {
            natsOptions_SetServers(natsOptions, $0.baseAddress, Int32($0.count))
        })
        if let name = options.name { try check(natsOptions_SetName(natsOptions, name)) }
        try check(natsOptions_SetMaxReconnect(natsOptions, Int32(options.maxReconnects ?? -1)))
        try check(natsOptions_SetReconnectWait(natsOptions, options.reconnectWait.milliseconds))
        try check(natsOptions_SetTimeout(natsOptions, options.connectTimeout.milliseconds))
        var connection: OpaquePointer?
        try check(natsConnection_Connect(&connection, natsOptions))
        pointer = connection!
    }

    deinit { natsConnection_Destroy(pointer) }

    /// Sends everything buffered and waits for the server to confirm it has seen it.
    ///
    /// - Throws: `NATSError` on a timeout or a closed connection.
    public func flush(timeout: Duration) throws(NATSError) {
        try check(natsConnection_FlushTimeout(pointer, timeout.milliseconds))
    }

    /// Closes the connection; later calls on it fail with `NATSError.Status.connectionClosed`.
    public func close() { natsConnection_Close(pointer) }

    /// A JetStream context on this connection.
    ///
    /// - Parameter requestTimeout: how long JetStream API calls and publishes wait for the
    ///   server's answer.
    public func jetStream(requestTimeout: Duration = .seconds(5)) throws(NATSError) -> JetStream {
        try JetStream(connection: self, requestTimeout: requestTimeout)
    }
}

extension Duration {
    /// Whole milliseconds, as the C client's timeouts take them.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// Whole nanoseconds, as JetStream configurations take them.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
