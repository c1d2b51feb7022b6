import Foundation
import PIIMask

/// The `--stats` report: counts and throughput, never input text.
struct StatsReport {
    let stats: StreamStats
    let seconds: Double
    /// Whether the command wrote the input out (the filter); `scan` only reports.
    var writesOutput = true

    var text: String {
        let megabytes = Double(stats.bytesIn) / 1_000_000
        let rate = seconds > 0 ? megabytes / seconds : 0
        var lines = [
            "piimask: lines \(stats.lines), bytes in \(stats.bytesIn)" + (writesOutput ? ", bytes out \(stats.bytesOut)" : ""),
            "piimask: masked values \(stats.counters.maskedValues), undecided (match limit) \(stats.counters.undecidedValues), invalid JSON lines \(stats.invalidLines), lines masked in pieces \(stats.longLines)",
        ]
        let findings = stats.counters.findingsByType.sorted { $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        lines.append("piimask: findings: \(findings.isEmpty ? "none" : findings)")
        let byRule = stats.counters.findingsByRule.sorted { $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        lines.append("piimask: findings by rule: \(byRule.isEmpty ? "none" : byRule)")
        let conversations = stats.conversations
        if conversations != ConversationCounters() {
            lines.append("piimask: conversations: most tracked at once \(conversations.tracked), dropped when full \(conversations.evicted), expired \(conversations.expired), ended \(conversations.ended); values across messages \(conversations.splitValues), trailing parts masked \(conversations.partialValues)")
        }
        lines.append(String(format: "piimask: elapsed %.3f s, %.1f MB/s", seconds, rate))
        return lines.joined(separator: "\n") + "\n"
    }
}
