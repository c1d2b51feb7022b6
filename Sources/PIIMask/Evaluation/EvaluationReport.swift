/// The accuracy of a masker's findings on a labeled corpus: per type and overall counts,
/// precision, recall and F1, recall per format family, type confusions, false positives
/// per rule, and how the look-alikes fared (per kind and per family).
///
/// Holds only counts, type names, look-alike kinds and rule ids: never text of the corpus.
///
/// - A labeled span is **caught** (a true positive) when the findings' ranges cover every
///   byte of it that a mask would hide (see `Evaluator`); otherwise it is **missed** (a
///   false negative).
/// - A finding is a **false positive** when its range overlaps no labeled span of any type
///   (a finding over a look-alike is one).
/// - A look-alike **survives** when no finding overlaps it.
public struct EvaluationReport: Sendable, Hashable {
    /// The field category whose policy produced the findings.
    public var field: String
    /// How many records were evaluated.
    public var records = 0
    /// Counts per type: labeled spans by labeled type, false positives by finding type.
    public var scores: [String: EvaluationScore] = [:]
    /// For each (labeled type, other finding type), how many caught spans a finding of the
    /// other type overlaps.
    public var typeConfusions: [TypeConfusion: Int] = [:]
    /// Caught spans overlapped by at least one finding of another type.
    public var confusedSpans = 0
    /// False positives per rule id.
    public var falsePositivesByRule: [String: Int] = [:]
    /// How the look-alikes fared, per kind.
    public var negatives: [String: NegativeScore] = [:]
    /// Spans and catches per format family and type; spans without a family count under
    /// `FamilyKey.unlabeled`.
    public var families: [FamilyKey: FamilyScore] = [:]
    /// How the look-alikes that carry a family fared, per family.
    public var lookalikeFamilies: [String: NegativeScore] = [:]

    /// An empty report for field category `field`.
    public init(field: String) {
        self.field = field
    }

    /// The built-in types, in the order reports list them.
    public static let builtinTypes = ["phone", "email", "card", "iban", "ssn"]

    /// The types in `scores`: the built-in ones in their usual order, then others by name.
    public var types: [String] {
        let known = Self.builtinTypes.filter { scores[$0] != nil }
        let others = scores.keys.filter { !Self.builtinTypes.contains($0) }.sorted()
        return known + others
    }

    /// The counts of all types together.
    public var overall: EvaluationScore {
        scores.values.reduce(EvaluationScore(), +)
    }

    /// The look-alike kinds, by name.
    public var negativeKinds: [String] { negatives.keys.sorted() }

    /// The format families and types in `families`, by family then type.
    public var familyKeys: [FamilyKey] { families.keys.sorted() }
}
