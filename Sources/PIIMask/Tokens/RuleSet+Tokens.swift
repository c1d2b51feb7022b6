extension RuleSet {
    /// Whether an enabled rule masks with a token mask.
    public var usesTokenMasks: Bool {
        rules.contains { $0.enabled && $0.mask.token != nil }
    }

    /// Whether an enabled rule's token mask is scoped per conversation (it needs a
    /// conversation id to render).
    public var usesConversationScopedTokens: Bool {
        rules.contains { $0.enabled && $0.mask.token?.scope == .conversation }
    }

    /// This rule set with token masks bound to `keys`.
    ///
    /// - Parameters:
    ///   - kind: when given, every rule masks with a token mask of this kind (keeping its
    ///     `keep_last` for `token`), replacing stars and labels.
    ///   - scope: when given, the scope of every token mask; otherwise each keeps its own
    ///     (a mask made by `kind` is scoped per conversation).
    /// - Throws: `TokenKeyError` when a rule masks with tokens and `keys` is nil: there is
    ///   no unkeyed fallback.
    public func bindingTokens(keys: TokenKeyRing?, kind: TokenMask.Kind? = nil,
                              scope: TokenMask.Scope? = nil) throws(TokenKeyError) -> RuleSet {
        var result = self
        for index in result.rules.indices {
            var mask = result.rules[index].mask
            if let kind {
                mask.label = nil
                mask.token = TokenMask(kind: kind, scope: mask.token?.scope ?? .conversation,
                                       type: result.rules[index].type,
                                       keepLast: kind == .token ? mask.keepLast : 0, keepClass: mask.keepClass)
            }
            guard let token = mask.token else { continue }
            guard let keys else {
                throw TokenKeyError("rule \(result.rules[index].id) masks with \(token.kind.rawValue) but no token key file is given (--token-key-file or PIIMASK_TOKEN_KEY_FILE)")
            }
            mask.token = token.binding(keys, scope: scope)
            result.rules[index].mask = mask
        }
        return result
    }
}
