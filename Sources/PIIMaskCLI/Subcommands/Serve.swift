import ArgumentParser
import Foundation
import Logging
import Metrics
import PIIMaskServer
import PIIMaskService
import Prometheus
import ServiceLifecycle

/// `piimask serve`: the HTTP service.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve masking over HTTP/JSON (mask, batch, NDJSON events, scan, rules, health, metrics).",
        discussion: """
            SIGHUP (or POST /v1/admin/reload) reloads the rule files; a broken file keeps the \
            rules in effect. SIGTERM or SIGINT stops accepting connections, finishes the \
            requests in flight (at most --shutdown-timeout seconds) and exits 0. Endpoints: \
            docs/openapi.yaml.
            """)

    /// Log line formats.
    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var rules: RuleOptions
    @OptionGroup(title: "Policies (tenants)") var policies: ServePolicyOptions
    @OptionGroup(title: "Conversations (/v1/events, within and across requests)") var conversations: ConversationCLIOptions
    @OptionGroup(title: "Tokens (token and encrypt masks; POST /v1/reveal)") var keys: TokenKeyOptions

    @Flag(help: "Serve POST /v1/reveal (encrypt tokens back into values, with the keys of the request's policy); needs --token-file and a token key file. Off by default: 403.")
    var enableReveal = false

    @Option(help: ArgumentHelp("Address to listen on (port 0: any free port, named in the log).", valueName: "host:port"))
    var listen = "127.0.0.1:8080"

    @Option(parsing: .unconditional, help: ArgumentHelp("Largest request body (and /v1/events line) in bytes; a K, M or G suffix multiplies by 1024s.", valueName: "size"))
    var maxBody = "10M"

    @Option(parsing: .unconditional, help: ArgumentHelp("Request bodies held at once by the JSON endpoints (each counted by its Content-Length); a request that does not fit gets 503. At least --max-body.", valueName: "size"))
    var maxBodyInFlight = "40M"

    @Option(help: ArgumentHelp("Seconds a request may take to arrive.", valueName: "seconds"))
    var requestTimeout: Double = 30

    @Option(help: ArgumentHelp("Requests handled at once; more get 503.", valueName: "n"))
    var maxConcurrentRequests = 512

    @Option(help: ArgumentHelp("File holding the bearer token that every request but /health/* must send (the file's first line).", valueName: "path"))
    var tokenFile: String?

    @Option(help: "Log lines as text or json (one object per line), on standard error.")
    var logFormat: LogFormat = .text

    @Option(help: ArgumentHelp("Least log level: trace, debug, info (one line per request), notice, warning, error, critical.", valueName: "level"))
    var logLevel = "info"

    @Option(help: ArgumentHelp("Seconds to finish requests in flight after SIGTERM before exiting.", valueName: "seconds"))
    var shutdownTimeout: Double = 10

    /// `--listen` split into host and port.
    var address: (host: String, port: Int)? {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
              (0...65535).contains(port) else { return nil }
        var host = String(listen[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }

    /// `--max-body` in bytes.
    var maxBodyBytes: Int? { Self.bytes(maxBody) }

    /// `--max-body-in-flight` in bytes.
    var maxBodyBytesInFlight: Int? { Self.bytes(maxBodyInFlight) }

    /// A size such as `1048576`, `512K` or `10M` in bytes; nil when it is not one.
    private static func bytes(_ size: String) -> Int? {
        let multipliers: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var text = size.uppercased()
        var multiplier = 1
        if let last = text.last, let factor = multipliers[last] {
            multiplier = factor
            text.removeLast()
        }
        guard let value = Int(text), value > 0, value <= Int.max / multiplier else { return nil }
        return value * multiplier
    }

    func validate() throws {
        guard address != nil else { throw ValidationError("--listen must be HOST:PORT (port 0–65535)") }
        guard let maxBodyBytes else { throw ValidationError("--max-body must be a positive size such as 1048576, 512K or 10M") }
        guard let inFlight = maxBodyBytesInFlight, inFlight >= maxBodyBytes else {
            throw ValidationError("--max-body-in-flight must be a size such as 40M, at least --max-body")
        }
        guard requestTimeout > 0, shutdownTimeout >= 0 else { throw ValidationError("--request-timeout must be above 0 and --shutdown-timeout at least 0") }
        try conversations.validate(format: .ndjson, given: conversations.given)
        guard maxConcurrentRequests >= 1 else { throw ValidationError("--max-concurrent-requests must be at least 1") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel)!
        let format = logFormat
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = format == .json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "piimask")
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["piimask_http_request_duration_seconds"] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
            .milliseconds(5), .milliseconds(10), .milliseconds(50), .milliseconds(250), .seconds(1), .seconds(10),
        ]
        MetricsSystem.bootstrap(factory)

        var configuration = ServerConfiguration()
        (configuration.host, configuration.port) = address!
        configuration.maxBodyBytes = maxBodyBytes!
        configuration.maxBodyBytesInFlight = maxBodyBytesInFlight!
        configuration.requestTimeout = .milliseconds(Int64(requestTimeout * 1000))
        configuration.maxConcurrentRequests = maxConcurrentRequests
        configuration.token = try readToken()
        configuration.conversations = conversations.options
        configuration.revealEnabled = enableReveal

        let maskingMetrics = MaskingMetrics(factory: factory, policy: policies.given.isEmpty ? nil : ServedPolicy.defaultName)
        let served = try policies.load(includeBuiltin: !rules.noBuiltinRules, defaultKeyFile: keys.path,
                                       factory: factory, logger: logger)
        let masker = try rules.makeReloadableMasker(tokenKeyFile: keys.path, metrics: maskingMetrics, logger: logger)
        try checkTokens([masker] + served.map(\.masker), logger: logger)
        let readiness = Readiness()
        let app = PIIMaskServer.makeApplication(configuration: configuration, masker: masker, maskingMetrics: maskingMetrics,
                                                registry: registry, metricsFactory: factory, readiness: readiness,
                                                logger: logger, policies: served)
        // SIGHUP is trapped before the server listens: one sent at start-up reloads.
        let reloads = await RuleReloadService(holders: [masker] + served.map(\.masker))
        // Shut down in reverse order: readiness drops first, then SIGHUP handling stops,
        // then the server stops accepting and drains the requests in flight.
        var groupConfiguration = ServiceGroupConfiguration(
            services: [.init(service: app), .init(service: reloads),
                       .init(service: ReadinessService(readiness: readiness, logger: logger))],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = .milliseconds(Int64(shutdownTimeout * 1000))
        groupConfiguration.maximumCancellationDuration = .seconds(1)
        try await ServiceGroup(configuration: groupConfiguration).run()
        logger.info("stopped")
    }

    /// Refuses what tokens cannot do here, as the filter does (exit 2): `--enable-reveal`
    /// without `--token-file` or without any key file, and conversation-scoped token masks
    /// with `--no-conversations` (`/v1/events` would key none of them).
    private func checkTokens(_ holders: [ReloadableMasker], logger: Logger) throws {
        if enableReveal {
            guard tokenFile != nil else {
                Diagnostics.error("--enable-reveal needs --token-file: revealing is only done behind the bearer token")
                throw ExitCode(ExitStatus.usage)
            }
            guard holders.contains(where: { $0.tokenKeys != nil }) else {
                Diagnostics.error("--enable-reveal needs a token key file: --token-key-file PATH (or --policy-token-key-file NAME=PATH)")
                throw ExitCode(ExitStatus.usage)
            }
        }
        guard holders.contains(where: { $0.current.ruleSet.usesConversationScopedTokens }) else { return }
        if conversations.off {
            Diagnostics.error("token masks are scoped per conversation, and with --no-conversations /v1/events reads no conversation id: set `token_scope: global` in the rule file")
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// The token from `--token-file` (its first line, trimmed), or nil without the option; a
    /// file that group or others can read or write is refused.
    private func readToken() throws -> String? {
        guard let tokenFile else { return nil }
        // As the token key files: a secret others can read is refused.
        var status = stat()
        if stat(tokenFile, &status) == 0, status.st_mode & 0o077 != 0 {
            Diagnostics.error("--token-file '\(tokenFile)' can be read or written by group or others; run chmod 600 on it")
            throw ExitCode(ExitStatus.usage)
        }
        guard let contents = FileManager.default.contents(atPath: tokenFile) else {
            Diagnostics.error("cannot read --token-file '\(tokenFile)'")
            throw ExitCode(ExitStatus.usage)
        }
        let token = String(decoding: contents, as: UTF8.self)
            .split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        guard !token.isEmpty else {
            Diagnostics.error("--token-file '\(tokenFile)' is empty")
            throw ExitCode(ExitStatus.usage)
        }
        return token
    }
}
