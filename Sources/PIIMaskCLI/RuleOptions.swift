import ArgumentParser
import Foundation
import Logging
import PIIMask
import PIIMaskService

/// Options shared by every command that loads rules.
public struct RuleOptions: ParsableArguments {
    /// No rule options given (ArgumentParser fills them in).
    public init() {}

    @Option(name: .customLong("rules"), help: ArgumentHelp(
        "A rule file or a folder of .yaml rule files, loaded after the built-in rules: adds rules and fields, or overrides them by id. Repeatable. Without it, the .yaml files of /etc/piimask/rules are loaded if there are any.",
        valueName: "path"))
    var givenPaths: [String] = []

    @Flag(name: .customLong("no-builtin-rules"), help: "Do not load the built-in rules (then --rules must define fields and default_field).")
    var noBuiltinRules = false

    /// The host's rules folder: `/etc/piimask/rules`, or the folder `PIIMASK_RULES_FOLDER`
    /// names. The Debian package creates it with an empty `local.yaml`.
    static var defaultFolder: String {
        ProcessInfo.processInfo.environment["PIIMASK_RULES_FOLDER"].flatMap { $0.isEmpty ? nil : $0 } ?? "/etc/piimask/rules"
    }

    /// The rule files loaded after the built-in rules: the `--rules` paths, or when none is
    /// given (and the built-in rules are loaded) the default folder if it holds `.yaml` files.
    var paths: [String] {
        guard givenPaths.isEmpty, !noBuiltinRules else { return givenPaths }
        let folder = Self.defaultFolder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.contains { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") } ? [folder] : []
    }

    /// Loads the rules (the built-in ones first unless `--no-builtin-rules`, or as
    /// `includeBuiltin` says) and builds the masker; a broken rule file prints its error
    /// and exits 2.
    func makeMasker(includeBuiltin: Bool? = nil) throws -> Masker {
        do {
            return try loadMasker(includeBuiltin: includeBuiltin ?? !noBuiltinRules)
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// Loads the `--rules` files, after the built-in rules if `includeBuiltin`.
    func loadMasker(includeBuiltin: Bool) throws(RuleError) -> Masker {
        try Masker(ruleSet: RuleSet.load(paths: paths, includeBuiltin: includeBuiltin))
    }

    /// Loads the rules into a masker that SIGHUP can reload (long-running modes), their
    /// token masks bound to the keys of `tokenKeyFile` (read again on each reload); a broken
    /// rule or key file, or a token mask without a key file, prints its error and exits 2.
    public func makeReloadableMasker(tokenKeyFile: String? = nil, metrics: MaskingMetrics, logger: Logger) throws -> ReloadableMasker {
        do {
            return try ReloadableMasker(configuration: RuleConfiguration(paths: paths, includeBuiltin: !noBuiltinRules,
                                                                         tokenKeyFile: tokenKeyFile),
                                        metrics: metrics, logger: logger)
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode(ExitStatus.usage)
        }
    }
}
