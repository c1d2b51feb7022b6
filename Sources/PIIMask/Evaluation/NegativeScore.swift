/// How the look-alikes of one kind (`order`, `date`, `luhn_invalid`, …) fared: how many
/// survived (no finding overlaps them), and which rules hit the others.
public struct NegativeScore: Sendable, Hashable {
    /// Look-alikes of this kind.
    public var total = 0
    /// Look-alikes of this kind that no finding overlaps.
    public var survived = 0
    /// For each rule id, how many look-alikes of this kind a finding of that rule overlaps
    /// (a look-alike hit by two rules counts for both).
    public var hitsByRule: [String: Int] = [:]

    /// Creates a score.
    public init(total: Int = 0, survived: Int = 0, hitsByRule: [String: Int] = [:]) {
        self.total = total
        self.survived = survived
        self.hitsByRule = hitsByRule
    }

    /// Look-alikes of this kind that some finding overlaps (they would be masked).
    public var masked: Int { total - survived }
}
