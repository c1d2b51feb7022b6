import PIIMask

/// Which rule files (and token key file) a long-running mode loads, and how to build a
/// `Masker` from them.
///
/// Kept so that a reload reads the same files again (their new contents): the key file
/// too, so that a rotated key takes effect on SIGHUP.
public struct RuleConfiguration: Sendable, Equatable {
    /// Rule files or folders of `.yaml` files, loaded after the built-in rules, in order.
    public var paths: [String]
    /// Whether the built-in rules are loaded first.
    public var includeBuiltin: Bool
    /// The token key file the rules' `token` and `encrypt` masks are bound to; nil: none
    /// (a rule that masks with a token then refuses the load, as the filter does).
    public var tokenKeyFile: String?

    /// Creates a configuration: the built-in rules plus `paths`, unless `includeBuiltin` is
    /// false, token masks keyed by `tokenKeyFile`.
    public init(paths: [String] = [], includeBuiltin: Bool = true, tokenKeyFile: String? = nil) {
        self.paths = paths
        self.includeBuiltin = includeBuiltin
        self.tokenKeyFile = tokenKeyFile
    }

    /// Reads the rule files (and the key file, when named) and compiles a new masker.
    ///
    /// - Throws: `RuleError` naming the file, line and rule of the first problem; for the
    ///   key file its path and line (never key material), and for a token mask without a
    ///   key file the rule that has it.
    public func makeMasker() throws(RuleError) -> Masker {
        try load().masker
    }

    /// `makeMasker()` and the keys its token masks are bound to (nil without a key file),
    /// read at the same moment: what `POST /v1/reveal` opens tokens with.
    public func load() throws(RuleError) -> (masker: Masker, keys: TokenKeyRing?) {
        let loaded = try RuleSet.load(paths: paths, includeBuiltin: includeBuiltin)
        var keys: TokenKeyRing?
        if let tokenKeyFile {
            do {
                keys = try TokenKeyRing.load(path: tokenKeyFile)
            } catch {
                throw RuleError(file: tokenKeyFile, problem: error.description)
            }
        }
        let bound: RuleSet
        do {
            bound = try loaded.bindingTokens(keys: keys)
        } catch {
            // Named where the token mask was last set: the last file that overrode the rule.
            let rule = loaded.rules.first { $0.enabled && $0.mask.token != nil }
            let place = rule.map { $0.overrides.last ?? $0.source }
            throw RuleError(file: place?.file ?? "rules", line: place?.line, problem: error.description)
        }
        return (try Masker(ruleSet: bound), keys)
    }
}
