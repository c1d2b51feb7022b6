import ArgumentParser
import Foundation
import PIIMask

extension TokenMask.Kind: ExpressibleByArgument {}
extension TokenMask.Scope: ExpressibleByArgument {}

/// Where the token keys are: `--token-key-file`, else the file the environment variable
/// `PIIMASK_TOKEN_KEY_FILE` names. A key never comes from the command line itself.
public struct TokenKeyOptions: ParsableArguments {
    /// No key file given (ArgumentParser fills the option in).
    public init() {}

    /// The environment variable that names the key file.
    static let environmentVariable = "PIIMASK_TOKEN_KEY_FILE"

    @Option(help: ArgumentHelp(
        "The token key file (lines `ID BASE64`, mode 600; first key makes new tokens). Default: the file $PIIMASK_TOKEN_KEY_FILE names.",
        valueName: "path"))
    var tokenKeyFile: String?

    /// The path in effect, if any.
    public var path: String? {
        tokenKeyFile ?? ProcessInfo.processInfo.environment[Self.environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The key ring, nil when no file is named; a missing, short or malformed key prints
    /// its error (never key material) and exits 2.
    func loadKeys() throws -> TokenKeyRing? {
        guard let path else { return nil }
        do {
            return try TokenKeyRing.load(path: path)
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode(ExitStatus.usage)
        }
    }
}

/// The filter's token options: `--mask token|encrypt` for every rule, the scope, the keys.
struct TokenOptions: ParsableArguments {
    @Option(name: .customLong("mask"), help: ArgumentHelp(
        "Mask every rule's matches with a keyed token (token: irreversible HMAC; encrypt: reversible with `piimask reveal`) instead of its own mask.",
        valueName: "kind"))
    var kind: TokenMask.Kind?

    @Option(help: ArgumentHelp(
        "Scope of every token mask: conversation (the default of token masks: keyed with each NDJSON event's conversation id; needs --format ndjson with conversations followed) or global.",
        valueName: "scope"))
    var tokenScope: TokenMask.Scope?

    @OptionGroup var keys: TokenKeyOptions

    /// Loads the rules, binds their token masks to the keys and builds the masker. A rule
    /// file error, a missing or bad key, or a conversation-scoped token mask when the input
    /// has no conversation ids (`ids` says why not; nil: it has them) prints its error and
    /// exits 2: never a global or unkeyed token instead.
    func makeMasker(_ rules: RuleOptions, withoutConversationIDs ids: String?) throws -> (masker: Masker, usesTokens: Bool) {
        let keyRing = try keys.loadKeys()
        if let kind, keyRing == nil {
            Diagnostics.error("--mask \(kind.rawValue) needs a token key file: pass --token-key-file PATH or set \(TokenKeyOptions.environmentVariable)")
            throw ExitCode(ExitStatus.usage)
        }
        do {
            let loaded = try RuleSet.load(paths: rules.paths, includeBuiltin: !rules.noBuiltinRules)
            let bound: RuleSet
            do {
                bound = try loaded.bindingTokens(keys: keyRing, kind: kind, scope: tokenScope)
            } catch {
                Diagnostics.error(error.description)
                throw ExitCode(ExitStatus.usage)
            }
            if bound.usesConversationScopedTokens, let ids {
                Diagnostics.error("token masks are scoped per conversation, and \(ids): pass --token-scope global (or set `token_scope: global` in the rule file)")
                throw ExitCode(ExitStatus.usage)
            }
            return (try Masker(ruleSet: bound), bound.usesTokenMasks)
        } catch let error as RuleError {
            Diagnostics.error(error.description)
            throw ExitCode(ExitStatus.usage)
        }
    }
}
