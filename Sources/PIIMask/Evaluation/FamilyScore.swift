/// A format family of one type (`card.dots` of `card`, `obfuscation.zero-width` of `iban`):
/// the key of `EvaluationReport.families`.
public struct FamilyKey: Sendable, Hashable, Comparable {
    /// The family a span without one counts under.
    public static let unlabeled = "unlabeled"

    /// The family's name, or `unlabeled`.
    public var family: String
    /// The labeled type.
    public var type: String

    /// Creates a key.
    public init(family: String, type: String) {
        self.family = family
        self.type = type
    }

    /// By family, then type.
    public static func < (left: FamilyKey, right: FamilyKey) -> Bool {
        (left.family, left.type) < (right.family, right.type)
    }
}

/// How the labeled spans of one format family and type fared: how many were caught.
///
/// Precision has no meaning per family (a false positive overlaps no labeled span, so it
/// has no family); a family's look-alikes are measured in `EvaluationReport.lookalikeFamilies`.
public struct FamilyScore: Sendable, Hashable {
    /// Labeled spans of the family and type.
    public var spans = 0
    /// Those caught.
    public var caught = 0

    /// Creates a score.
    public init(spans: Int = 0, caught: Int = 0) {
        self.spans = spans
        self.caught = caught
    }

    /// Spans not caught.
    public var missed: Int { spans - caught }

    /// `caught / spans`, nil when there are no spans.
    public var recall: Double? {
        spans == 0 ? nil : Double(caught) / Double(spans)
    }
}
