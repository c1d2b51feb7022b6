import PIIMaskStream

/// The worker's counts as `name: value` lines for stderr (counts only, never text).
struct StreamStatsReport {
    let stats: StreamWorkerStats

    var text: String {
        var lines = [
            "received: \(stats.received)",
            "published: \(stats.published)",
            "duplicates: \(stats.duplicates)",
        ]
        for reason in PoisonReason.allCases {
            lines.append("dead-lettered \(reason.rawValue): \(stats.deadLettered[reason] ?? 0)")
        }
        lines += [
            "redelivered: \(stats.redelivered)",
            "publish retries: \(stats.publishRetries)",
            "fetch errors: \(stats.fetchErrors)",
            "rewinds: \(stats.rewinds)",
        ]
        for (type, count) in stats.masking.findingsByType.sorted(by: { $0.key < $1.key }) {
            lines.append("findings \(type): \(count)")
        }
        return lines.map { "piimask stream: \($0)\n" }.joined()
    }
}
