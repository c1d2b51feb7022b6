import CoreMetrics

/// `piimask_reveal_total{outcome}`: `POST /v1/reveal` requests by what became of them, one
/// counter per outcome, created up front (every outcome is exported from the start, at 0).
/// The labels are this fixed set, never anything of a request.
///
/// Requests refused for a missing or wrong bearer token never reach the endpoint: they are
/// `piimask_http_requests_total{route="/v1/reveal",status="401"}`.
final class RevealMetrics: Sendable {
    /// What became of a reveal request.
    enum Outcome: String, CaseIterable, Sendable {
        /// Every `encrypt` token opened (200).
        case revealed
        /// A token named a key id not listed, or did not open (422 `reveal_failed`).
        case failed
        /// Reveal is off (403 `reveal_disabled`).
        case disabled
        /// The request's policy has no token keys (403 `no_token_keys`).
        case noKeys = "no_keys"
        /// Refused otherwise: a body that is not `{"text"}` (400), too large (413) or late (408).
        case badRequest = "bad_request"
    }

    private let counters: [Outcome: Counter]

    /// Records into `factory`.
    init(factory: any MetricsFactory) {
        counters = Dictionary(uniqueKeysWithValues: Outcome.allCases.map { outcome in
            (outcome, Counter(label: "piimask_reveal_total", dimensions: [("outcome", outcome.rawValue)], factory: factory))
        })
    }

    /// Counts one request with `outcome`.
    func record(_ outcome: Outcome) {
        counters[outcome]?.increment()
    }
}
