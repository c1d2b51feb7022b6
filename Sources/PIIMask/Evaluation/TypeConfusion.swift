/// A labeled type caught by a finding of another type (a phone inside a card finding).
///
/// It still counts as caught for the labeled type (the text is masked either way); the
/// report counts confusions separately.
public struct TypeConfusion: Sendable, Hashable, Comparable {
    /// The labeled span's type.
    public var labeled: String
    /// The type of a finding overlapping it.
    public var found: String

    /// Creates a confusion.
    public init(labeled: String, found: String) {
        self.labeled = labeled
        self.found = found
    }

    /// By labeled type, then found type.
    public static func < (left: TypeConfusion, right: TypeConfusion) -> Bool {
        (left.labeled, left.found) < (right.labeled, right.found)
    }
}
