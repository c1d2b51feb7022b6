import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PIIMask
import PIIMaskServer
import PIIMaskService
import Prometheus
import Synchronization

/// Runs the real application on a free loopback port (HummingbirdTesting `.live`) with a
/// log that the test can read back.
struct ServerHarness {
    let configuration: ServerConfiguration
    let masker: ReloadableMasker
    let registry = PrometheusCollectorRegistry()
    let log = CapturedLog()
    let readiness = Readiness()

    /// A server with the built-in rules, or `rules` files, token masks keyed by
    /// `tokenKeyFile`, and `configure` applied.
    init(rules: [String] = [], tokenKeyFile: String? = nil, configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configure(&configuration)
        self.configuration = configuration
        let metrics = MaskingMetrics(factory: PrometheusMetricsFactory(registry: registry))
        masker = try ReloadableMasker(configuration: RuleConfiguration(paths: rules, tokenKeyFile: tokenKeyFile), metrics: metrics)
        maskingMetrics = metrics
    }

    private let maskingMetrics: MaskingMetrics

    /// Runs `test` with a client of the live server.
    func run<Value: Sendable>(_ test: @escaping @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let log = log
        let logger = Logger(label: "piimask") { _ in CapturingLogHandler(log: log) }
        let app = PIIMaskServer.makeApplication(configuration: configuration, masker: masker, maskingMetrics: maskingMetrics,
                                                registry: registry,
                                                metricsFactory: PrometheusMetricsFactory(registry: registry), readiness: readiness,
                                                logger: logger)
        return try await app.test(.live) { client in try await test(client) }
    }
}

/// Log lines kept in memory (message and metadata rendered as `key=value`).
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    var all: [String] { lines.withLock { $0 } }
}

/// A log handler that writes into a `CapturedLog`.
struct CapturingLogHandler: LogHandler {
    let log: CapturedLog
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        log.append("\(event.level) \(event.message) \(rendered)")
    }
}

extension ByteBuffer {
    /// The buffer's bytes as a UTF-8 string.
    var text: String { String(buffer: self) }
}

/// JSON helpers for tests.
enum JSON {
    /// Parses `buffer` as JSON (objects as `[String: Any]`).
    static func parse(_ buffer: ByteBuffer) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView), options: [.fragmentsAllowed])
    }

    /// `value` encoded as a JSON body.
    static func body(_ value: Any) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: value))
    }

    /// The JSON content-type header.
    static let headers: HTTPFields = [.contentType: "application/json"]
}

/// Values that must never appear in a log, an error or a metric label.
enum PlantedPII {
    static let phone = "+447966197542"
    static let email = "melissa@gmail.com"
    static let card = "4111 1111 1111 1111"
    static let iban = "NL91 ABNA 0417 1643 00"
    static let ssn = "123-45-6789"
    static let all = [phone, email, card, iban, ssn]
    /// Pieces of the raw values that masks do not keep (the masks keep the last 4).
    static let rawPieces = ["796619", "melissa@", "4111 1111 1111", "ABNA 0417", "123-45"]

    /// A message holding all of them.
    static let message = "bel \(phone) of mail \(email), card \(card), IBAN \(iban), SSN \(ssn)"

    /// Whether `text` contains a raw piece of any planted value.
    static func leaks(_ text: String) -> Bool {
        rawPieces.contains { text.contains($0) }
    }
}
