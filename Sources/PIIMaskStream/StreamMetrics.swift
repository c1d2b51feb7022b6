import Metrics

/// The worker's own counters as swift-metrics metrics (whatever backend the process
/// bootstraps; none in tests); what masking found is recorded by PIIMaskService's
/// `MaskingMetrics`. Labels are the partition and a poison reason, never text.
public struct StreamMetrics: Sendable {
    /// Masked events stored on the output subject.
    public let published: Counter
    /// Publishes acknowledged as duplicates (redeliveries dropped by the duplicate window).
    public let duplicates: Counter
    /// Deliveries after the first.
    public let redelivered: Counter
    /// Publishes retried with the same message id.
    public let publishRetries: Counter
    /// Failed fetches.
    public let fetchErrors: Counter
    /// Consumer rewinds (start-up after a crash, gaps in deliveries).
    public let rewinds: Counter
    private let partition: String

    /// Metrics labelled with `partition`.
    public init(partition: String) {
        self.partition = partition
        let dimensions = [("partition", partition)]
        published = Counter(label: "piimask_stream_published_total", dimensions: dimensions)
        duplicates = Counter(label: "piimask_stream_duplicates_total", dimensions: dimensions)
        redelivered = Counter(label: "piimask_stream_redelivered_total", dimensions: dimensions)
        publishRetries = Counter(label: "piimask_stream_publish_retries_total", dimensions: dimensions)
        fetchErrors = Counter(label: "piimask_stream_fetch_errors_total", dimensions: dimensions)
        rewinds = Counter(label: "piimask_stream_rewinds_total", dimensions: dimensions)
    }

    /// Events dead-lettered for `reason`.
    func deadLettered(_ reason: PoisonReason) -> Counter {
        Counter(label: "piimask_stream_dead_lettered_total",
                dimensions: [("partition", partition), ("reason", reason.rawValue)])
    }
}
