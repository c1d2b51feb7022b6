import ArgumentParser
import CoreMetrics
import Logging
import PIIMaskServer
import PIIMaskService

/// `piimask serve --policy NAME=PATH`: named policies (tenants) a request selects with the
/// header `Piimask-Policy: NAME`.
struct ServePolicyOptions: ParsableArguments {
    @Option(name: .customLong("policy"), help: ArgumentHelp(
        "A named policy: the rule file or folder PATH, loaded after the built-in rules, for requests with the header Piimask-Policy: NAME (GET /v1/rules?policy=NAME shows it). Repeatable; reloaded with the default rules on SIGHUP.",
        valueName: "name=path"))
    var given: [String] = []

    @Option(name: .customLong("policy-token-key-file"), help: ArgumentHelp(
        "The token key file of the policy NAME (its token and encrypt masks, POST /v1/reveal with its header); without it the policy uses --token-key-file. Repeatable.",
        valueName: "name=path"))
    var tokenKeyFiles: [String] = []

    /// The `--policy` `NAME=PATH` pairs, in order; a malformed, invalid or repeated name is an error.
    func pairs() throws -> [(name: String, path: String)] {
        try Self.pairs(given, option: "--policy", what: "a rule file or folder")
    }

    /// The `--policy-token-key-file` paths by policy name; a name no `--policy` gives is an error.
    func keyFiles() throws -> [String: String] {
        let names = Set(try pairs().map(\.name))
        var files: [String: String] = [:]
        for (name, path) in try Self.pairs(tokenKeyFiles, option: "--policy-token-key-file", what: "a token key file") {
            guard names.contains(name) else {
                throw ValidationError("--policy-token-key-file \(name): no --policy \(name)=PATH is given")
            }
            files[name] = path
        }
        return files
    }

    private static func pairs(_ given: [String], option: String, what: String) throws -> [(name: String, path: String)] {
        var seen: Set<String> = []
        return try given.map { pair in
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex,
                  pair.index(after: equals) != pair.endIndex else {
                throw ValidationError("\(option) takes NAME=PATH (\(what))")
            }
            let name = String(pair[..<equals])
            if let problem = ServedPolicy.problem(with: name) { throw ValidationError("\(option): \(problem)") }
            guard seen.insert(name).inserted else { throw ValidationError("\(option) \(name) is given twice") }
            return (name, String(pair[pair.index(after: equals)...]))
        }
    }

    func validate() throws { _ = try keyFiles() }

    /// Loads each policy's rules (built-in first unless `includeBuiltin` is false), their
    /// token masks bound to the policy's key file, else `defaultKeyFile`; a broken rule or
    /// key file, or a token mask without keys, prints its error and exits 2.
    func load(includeBuiltin: Bool, defaultKeyFile: String?, factory: any MetricsFactory, logger: Logger) throws -> [ServedPolicy] {
        let keyFiles = try keyFiles()
        return try pairs().map { name, path in
            let metrics = MaskingMetrics(factory: factory, policy: name)
            do {
                let configuration = RuleConfiguration(paths: [path], includeBuiltin: includeBuiltin,
                                                      tokenKeyFile: keyFiles[name] ?? defaultKeyFile)
                let masker = try ReloadableMasker(configuration: configuration, metrics: metrics, logger: logger)
                return ServedPolicy(name: name, masker: masker, metrics: metrics)
            } catch {
                Diagnostics.error("--policy \(name): \(error)")
                throw ExitCode(ExitStatus.usage)
            }
        }
    }
}
