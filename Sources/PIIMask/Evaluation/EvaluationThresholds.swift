/// Minimum overall recall and precision a report must reach: the gate an operator puts on
/// rule changes.
///
/// A threshold on a ratio that is undefined (recall with no labeled span, precision with no
/// finding at all) is met: there is nothing to measure.
///
/// ```swift
/// let thresholds = try EvaluationThresholds(minRecall: 0.99)
/// let failures = thresholds.failures(in: report)   // empty when the gate passes
/// ```
public struct EvaluationThresholds: Sendable, Hashable {
    /// The lowest acceptable overall recall, in 0…1; nil for none.
    public let minRecall: Double?
    /// The lowest acceptable overall precision, in 0…1; nil for none.
    public let minPrecision: Double?

    /// The values a threshold may take.
    public static let validRange: ClosedRange<Double> = 0...1

    /// A threshold that is not a number in 0…1.
    public struct InvalidValue: Error, Sendable, Hashable, CustomStringConvertible {
        /// `recall` or `precision`.
        public let metric: String
        /// The rejected value.
        public let value: Double

        /// `minimum recall must be between 0 and 1, not 1.01`.
        public var description: String {
            "minimum \(metric) must be between 0 and 1, not \(value)"
        }
    }

    /// A metric below its threshold.
    public struct Failure: Sendable, Hashable, CustomStringConvertible {
        /// `recall` or `precision`.
        public let metric: String
        /// The overall value reached.
        public let actual: Double
        /// The threshold.
        public let minimum: Double

        /// `recall 0.9612 is below the minimum 0.99`.
        public var description: String {
            "\(metric) \(actual) is below the minimum \(minimum)"
        }
    }

    /// Thresholds; nil means no threshold on that metric.
    ///
    /// - Throws: `InvalidValue` for a value outside 0…1 (or NaN).
    public init(minRecall: Double? = nil, minPrecision: Double? = nil) throws(InvalidValue) {
        if let minRecall, !Self.validRange.contains(minRecall) {
            throw InvalidValue(metric: "recall", value: minRecall)
        }
        if let minPrecision, !Self.validRange.contains(minPrecision) {
            throw InvalidValue(metric: "precision", value: minPrecision)
        }
        self.minRecall = minRecall
        self.minPrecision = minPrecision
    }

    /// The thresholds `report`'s overall score does not meet: empty when the gate passes.
    public func failures(in report: EvaluationReport) -> [Failure] {
        let overall = report.overall
        var failures: [Failure] = []
        if let minRecall, let recall = overall.recall, recall < minRecall {
            failures.append(Failure(metric: "recall", actual: recall, minimum: minRecall))
        }
        if let minPrecision, let precision = overall.precision, precision < minPrecision {
            failures.append(Failure(metric: "precision", actual: precision, minimum: minPrecision))
        }
        return failures
    }
}
