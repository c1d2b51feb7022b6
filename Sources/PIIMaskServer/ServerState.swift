import PIIMaskService
import Prometheus

/// What the routes share: the reloadable masker, metrics, limits and readiness.
final class ServerState: Sendable {
    let configuration: ServerConfiguration
    let masker: ReloadableMasker
    let metrics: MaskingMetrics
    let registry: PrometheusCollectorRegistry
    /// False once graceful shutdown began: `/health/ready` then answers 503.
    let readiness: Readiness

    init(configuration: ServerConfiguration, masker: ReloadableMasker, metrics: MaskingMetrics,
         registry: PrometheusCollectorRegistry, readiness: Readiness) {
        self.readiness = readiness
        self.configuration = configuration
        self.masker = masker
        self.metrics = metrics
        self.registry = registry
    }
}
