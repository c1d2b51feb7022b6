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

    /// The `NAME=PATH` pairs, in order; a malformed, invalid or repeated name is an error.
    func pairs() throws -> [(name: String, path: String)] {
        var seen: Set<String> = []
        return try given.map { pair in
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex,
                  pair.index(after: equals) != pair.endIndex else {
                throw ValidationError("--policy takes NAME=PATH (a rule file or folder)")
            }
            let name = String(pair[..<equals])
            if let problem = ServedPolicy.problem(with: name) { throw ValidationError("--policy: \(problem)") }
            guard seen.insert(name).inserted else { throw ValidationError("--policy \(name) is given twice") }
            return (name, String(pair[pair.index(after: equals)...]))
        }
    }

    func validate() throws { _ = try pairs() }

    /// Loads each policy's rules (built-in first unless `includeBuiltin` is false); a broken
    /// rule file prints its error and exits 2.
    func load(includeBuiltin: Bool, factory: any MetricsFactory, logger: Logger) throws -> [ServedPolicy] {
        try pairs().map { name, path in
            let metrics = MaskingMetrics(factory: factory, policy: name)
            do {
                let masker = try ReloadableMasker(configuration: RuleConfiguration(paths: [path], includeBuiltin: includeBuiltin),
                                                  metrics: metrics, logger: logger)
                return ServedPolicy(name: name, masker: masker, metrics: metrics)
            } catch {
                Diagnostics.error("--policy \(name): \(error)")
                throw ExitCode(ExitStatus.usage)
            }
        }
    }
}
