import PCRE2

/// A field category resolved against the compiled rules: which rules run on its values,
/// highest priority first, and the prefilter that skips text none of them can match.
public final class FieldPolicy: Sendable {
    /// The category id.
    public let id: String
    /// Indexes into the masker's compiled rules, highest priority first.
    let ruleIndexes: [Int]
    /// Whether a match must span the whole value.
    let wholeValue: Bool
    /// Finds bytes where a match of one of the rules could be.
    let prefilter: Prefilter
    /// One pattern that matches wherever one of several rules' patterns (before validators
    /// and context words) matches: run once, it tells where those rules can start, or that
    /// none of them can match the value at all.
    let combined: CombinedScan?

    init(_ definition: FieldDefinition, rules: [CompiledRule]) {
        id = definition.id
        wholeValue = definition.wholeValue
        let indexes = rules.indices.filter { definition.detect.contains(rules[$0].type) }
        ruleIndexes = indexes.sorted { rules[$0].priority > rules[$1].priority }
        combined = CombinedScan(rules: rules, indexes: ruleIndexes)
        var union: ByteSet? = ByteSet()
        for index in indexes {
            guard let trigger = rules[index].trigger else {
                union = nil
                break
            }
            union = union?.union(trigger)
        }
        prefilter = Prefilter(union)
    }

    /// A policy that runs one rule alone (for testing a rule's examples).
    init(singleRule index: Int, rules: [CompiledRule]) {
        id = rules[index].id
        wholeValue = false
        ruleIndexes = [index]
        prefilter = Prefilter(rules[index].trigger)
        combined = nil
    }
}
