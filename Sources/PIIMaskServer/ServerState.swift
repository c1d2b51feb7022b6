import PIIMask
import PIIMaskService
import Prometheus

/// What the routes share: the reloadable masker, metrics, limits and readiness.
final class ServerState: Sendable {
    let configuration: ServerConfiguration
    /// The rules of requests that name no policy, and their metrics.
    let defaultMasker: ReloadableMasker
    let defaultMetrics: MaskingMetrics
    /// The rules and metrics of the request's policy (`PolicyMiddleware`), else the default.
    var masker: ReloadableMasker { PolicyScope.current?.masker ?? defaultMasker }
    var metrics: MaskingMetrics { PolicyScope.current?.metrics ?? defaultMetrics }
    let registry: PrometheusCollectorRegistry
    /// False once graceful shutdown began: `/health/ready` then answers 503.
    let readiness: Readiness
    /// The conversations `/v1/events` follows (nil: not followed), shared by every request.
    let conversations: ConversationEventMasker?
    let conversationMetrics: ConversationMetrics
    /// `POST /v1/reveal` requests by outcome.
    let revealMetrics: RevealMetrics

    init(configuration: ServerConfiguration, masker: ReloadableMasker, metrics: MaskingMetrics,
         registry: PrometheusCollectorRegistry, readiness: Readiness, conversationMetrics: ConversationMetrics,
         revealMetrics: RevealMetrics) {
        self.readiness = readiness
        conversations = configuration.conversations.map { ConversationEventMasker(options: $0) }
        self.conversationMetrics = conversationMetrics
        self.revealMetrics = revealMetrics
        self.configuration = configuration
        defaultMasker = masker
        defaultMetrics = metrics
        self.registry = registry
    }
}
