/// Counts for one data type (or all types together), and the precision, recall and F1
/// they give.
///
/// Labeled spans are counted per labeled type, false positives per finding type. The
/// ratios are `nil` where their denominator is zero (nothing to measure).
public struct EvaluationScore: Sendable, Hashable {
    /// Labeled spans of this type.
    public var spans = 0
    /// Labeled spans of this type that were caught (true positives).
    public var caught = 0
    /// Findings of this type whose range overlaps no labeled span of any type.
    public var falsePositives = 0

    /// Creates a score.
    public init(spans: Int = 0, caught: Int = 0, falsePositives: Int = 0) {
        self.spans = spans
        self.caught = caught
        self.falsePositives = falsePositives
    }

    /// Labeled spans not caught (false negatives).
    public var missed: Int { spans - caught }

    /// `caught / (caught + falsePositives)`, nil when both are zero.
    public var precision: Double? {
        caught + falsePositives == 0 ? nil : Double(caught) / Double(caught + falsePositives)
    }

    /// `caught / spans`, nil when there are no labeled spans.
    public var recall: Double? {
        spans == 0 ? nil : Double(caught) / Double(spans)
    }

    /// The harmonic mean of precision and recall, `2·caught / (2·caught + falsePositives +
    /// missed)`; nil when there is neither a labeled span nor a false positive.
    public var f1: Double? {
        let denominator = 2 * caught + falsePositives + missed
        return denominator == 0 ? nil : Double(2 * caught) / Double(denominator)
    }

    /// The sum of two scores.
    public static func + (left: EvaluationScore, right: EvaluationScore) -> EvaluationScore {
        EvaluationScore(spans: left.spans + right.spans, caught: left.caught + right.caught,
                        falsePositives: left.falsePositives + right.falsePositives)
    }
}
