import CoreMetrics
import PIIMask
import Synchronization

/// Records what masking did through the swift-metrics facade; the process chooses the
/// backend (`piimask serve` exports Prometheus text at `/metrics`). Labels carry types, rule
/// ids and outcomes only, never input text.
///
/// | metric | dimensions | what |
/// |---|---|---|
/// | `piimask_masked_values_total` | | values (texts, JSON strings, lines) with at least one finding |
/// | `piimask_findings_total` | `type` | findings per data type (`undecided`: masked whole at the match limit) |
/// | `piimask_rule_findings_total` | `type`, `rule` | findings per rule, where the caller sees rules (not NDJSON events) |
/// | `piimask_undecided_values_total` | | values masked whole because a rule hit PCRE2's match limit |
/// | `piimask_allowed_total` | `type` | findings written unchanged because an allow entry lists their value |
/// | `piimask_invalid_json_total` | | NDJSON events that were not valid JSON (masked as text) |
/// | `piimask_bytes_in_total`, `piimask_bytes_out_total` | | bytes masked and written |
/// | `piimask_rule_reloads_total` | `result` (`success`, `failure`) | rule reloads |
///
/// With a `policy` (`piimask serve --policy NAME=PATH`), every metric carries `policy=NAME`
/// besides: the names come from the command line, never from a request.
///
/// Counters are created once per label set and cached, so recording costs a dictionary
/// look-up under a lock and the backend's increment.
public final class MaskingMetrics: Sendable {
    private let factory: any MetricsFactory
    /// `[("policy", name)]`, or nothing.
    private let policyDimension: [(String, String)]
    private let maskedValues: Counter
    private let undecidedValues: Counter
    private let invalidJSON: Counter
    private let bytesIn: Counter
    private let bytesOut: Counter
    private let reloadSuccesses: Counter
    private let reloadFailures: Counter
    private let byType = Mutex<[String: Counter]>([:])
    private let allowedByType = Mutex<[String: Counter]>([:])
    private let byRule = Mutex<[RuleKey: Counter]>([:])

    private struct RuleKey: Hashable {
        let type: String
        let rule: String
    }

    /// Records into `factory` (default: the process-wide `MetricsSystem.factory`), every
    /// metric labelled `policy` when one is given.
    public init(factory: any MetricsFactory = MetricsSystem.factory, policy: String? = nil) {
        self.factory = factory
        let policyDimension = policy.map { [("policy", $0)] } ?? []
        self.policyDimension = policyDimension
        maskedValues = Counter(label: "piimask_masked_values_total", dimensions: policyDimension, factory: factory)
        undecidedValues = Counter(label: "piimask_undecided_values_total", dimensions: policyDimension, factory: factory)
        invalidJSON = Counter(label: "piimask_invalid_json_total", dimensions: policyDimension, factory: factory)
        bytesIn = Counter(label: "piimask_bytes_in_total", dimensions: policyDimension, factory: factory)
        bytesOut = Counter(label: "piimask_bytes_out_total", dimensions: policyDimension, factory: factory)
        reloadSuccesses = Counter(label: "piimask_rule_reloads_total", dimensions: [("result", "success")] + policyDimension, factory: factory)
        reloadFailures = Counter(label: "piimask_rule_reloads_total", dimensions: [("result", "failure")] + policyDimension, factory: factory)
    }

    /// Records counts from the library (per type; the rule is not known here).
    public func record(_ counters: MaskCounters) {
        if counters.maskedValues > 0 { maskedValues.increment(by: counters.maskedValues) }
        if counters.undecidedValues > 0 { undecidedValues.increment(by: counters.undecidedValues) }
        for (type, count) in counters.findingsByType where count > 0 {
            typeCounter(type).increment(by: count)
        }
        for (type, count) in counters.allowedByType where count > 0 {
            allowedCounter(type).increment(by: count)
        }
    }

    /// Records the findings of one value, per type and per rule, and the findings an allow
    /// entry let through, per type.
    public func record(findings: [MaskedFinding], allowedByType: [String: Int] = [:]) {
        for (type, count) in allowedByType where count > 0 {
            allowedCounter(type).increment(by: count)
        }
        guard !findings.isEmpty else { return }
        maskedValues.increment()
        for finding in findings {
            typeCounter(finding.type).increment()
            if finding.type == Finding.undecidedType {
                undecidedValues.increment()
            } else {
                ruleCounter(type: finding.type, rule: finding.ruleID).increment()
            }
        }
    }

    /// Records NDJSON events that were not valid JSON (and were masked as text).
    public func recordInvalidJSON(_ count: Int) {
        if count > 0 { invalidJSON.increment(by: count) }
    }

    /// Records bytes read and written by masking.
    public func recordBytes(in bytesRead: Int, out bytesWritten: Int) {
        if bytesRead > 0 { bytesIn.increment(by: bytesRead) }
        if bytesWritten > 0 { bytesOut.increment(by: bytesWritten) }
    }

    /// Records one rule reload.
    public func recordReload(succeeded: Bool) {
        (succeeded ? reloadSuccesses : reloadFailures).increment()
    }

    private func typeCounter(_ type: String) -> Counter {
        byType.withLock { counters in
            if let counter = counters[type] { return counter }
            let counter = Counter(label: "piimask_findings_total", dimensions: [("type", type)] + policyDimension, factory: factory)
            counters[type] = counter
            return counter
        }
    }

    private func allowedCounter(_ type: String) -> Counter {
        allowedByType.withLock { counters in
            if let counter = counters[type] { return counter }
            let counter = Counter(label: "piimask_allowed_total", dimensions: [("type", type)] + policyDimension, factory: factory)
            counters[type] = counter
            return counter
        }
    }

    private func ruleCounter(type: String, rule: String) -> Counter {
        let key = RuleKey(type: type, rule: rule)
        return byRule.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = Counter(label: "piimask_rule_findings_total",
                                  dimensions: [("type", type), ("rule", rule)] + policyDimension, factory: factory)
            counters[key] = counter
            return counter
        }
    }
}
