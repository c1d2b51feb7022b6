import PIIMask

/// How `piimask serve` listens and what it allows.
public struct ServerConfiguration: Sendable {
    /// The address to bind (default `127.0.0.1`: loopback only).
    public var host = "127.0.0.1"
    /// The port to bind; 0 picks a free one (the log line `listening` names it).
    public var port = 8080
    /// The largest request body accepted by the JSON endpoints, and the longest line of
    /// `/v1/events` (default 10 MiB); larger is answered 413.
    public var maxBodyBytes = 10 * 1024 * 1024
    /// The request bodies the JSON endpoints hold at once, in bytes (default 40 MiB: four
    /// of the largest): a request whose `Content-Length` (or `maxBodyBytes` when undeclared)
    /// does not fit in what is left gets 503 at once. With `maxBodyBytes`, it bounds the
    /// server's memory (see docs/http-api.md). At least `maxBodyBytes`.
    public var maxBodyBytesInFlight = 40 * 1024 * 1024
    /// The time a request may take to arrive and be answered (default 30 s): a JSON
    /// request whose body has not arrived by then gets 408; a `/v1/events` stream still
    /// reading then is ended.
    public var requestTimeout: Duration = .seconds(30)
    /// A connection that sends nothing for this long is closed (default 60 s).
    public var idleTimeout: Duration = .seconds(60)
    /// Requests handled at once; more get 503 at once (default 512).
    public var maxConcurrentRequests = 512
    /// The bearer token every request but `/health/*` must present; nil: no authentication
    /// (and `POST /v1/admin/reload` is refused).
    public var token: String?
    /// Whether `POST /v1/reveal` opens `encrypt` tokens (default false: 403). Only with
    /// `token` set: without a bearer token the endpoint stays off.
    public var revealEnabled = false
    /// How `/v1/events` follows conversations, within a request and across requests (as the
    /// filter's `--format ndjson`); nil: each event on its own.
    public var conversations: ConversationOptions? = ConversationOptions()

    /// The defaults above.
    public init() {}
}
