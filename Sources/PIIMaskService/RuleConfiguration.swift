import PIIMask

/// Which rule files a long-running mode loads, and how to build a `Masker` from them.
///
/// Kept so that a reload reads the same files again (their new contents).
public struct RuleConfiguration: Sendable, Equatable {
    /// Rule files or folders of `.yaml` files, loaded after the built-in rules, in order.
    public var paths: [String]
    /// Whether the built-in rules are loaded first.
    public var includeBuiltin: Bool

    /// Creates a configuration: the built-in rules plus `paths`, unless `includeBuiltin` is false.
    public init(paths: [String] = [], includeBuiltin: Bool = true) {
        self.paths = paths
        self.includeBuiltin = includeBuiltin
    }

    /// Reads the rule files and compiles a new masker.
    ///
    /// - Throws: `RuleError` naming the file, line and rule of the first problem.
    public func makeMasker() throws(RuleError) -> Masker {
        try Masker(ruleSet: RuleSet.load(paths: paths, includeBuiltin: includeBuiltin))
    }
}
