import ArgumentParser
import Foundation

/// The options of `serve` and `stream` read from the environment, for systemd units and
/// containers: `--max-body 4M` is `PIIMASK_MAX_BODY=4M`, a flag is set by `1`, `true` or
/// `yes`, and a repeatable option (`--rules`, `--server`) takes a comma-separated list. An
/// option on the command line wins over its variable. The names come from the commands'
/// own definitions, so every option has one and none drifts.
public enum EnvironmentOptions {
    /// The prefix of every variable.
    static let prefix = "PIIMASK_"

    /// The subcommands that read options from the environment.
    static let commands: [String: any ParsableCommand.Type] = ["serve": Serve.self, "stream": Stream.self]

    /// Options that are never read from the environment.
    static let excluded: Set<String> = ["help", "version", "experimental-dump-help"]

    /// One option of a command as the environment sets it.
    struct Variable: Equatable {
        /// The option's long name, without the dashes.
        let option: String
        /// Whether it takes no value.
        let isFlag: Bool
        /// Whether it may be given more than once.
        let isRepeating: Bool

        /// The variable's name: `PIIMASK_` and the option, upper-cased, `-` as `_`.
        var name: String { EnvironmentOptions.prefix + option.uppercased().replacingOccurrences(of: "-", with: "_") }
    }

    /// The variables of `command`, in the order of its options.
    static func variables(of command: any ParsableCommand.Type) -> [Variable] {
        struct Dump: Decodable {
            struct Command: Decodable { let arguments: [Argument]? }
            struct Argument: Decodable {
                struct Name: Decodable { let kind: String; let name: String }
                let kind: String
                let isRepeating: Bool
                let names: [Name]?
            }
            let command: Command
        }
        guard let dump = try? JSONDecoder().decode(Dump.self, from: Data(command._dumpHelp().utf8)) else { return [] }
        return (dump.command.arguments ?? []).compactMap { argument in
            guard argument.kind == "option" || argument.kind == "flag",
                  let long = argument.names?.first(where: { $0.kind == "long" })?.name,
                  !excluded.contains(long) else { return nil }
            return Variable(option: long, isFlag: argument.kind == "flag", isRepeating: argument.isRepeating)
        }
    }

    /// `arguments` with the options of `serve` or `stream` that the environment sets and the
    /// command line does not appended; other commands' arguments unchanged. A flag variable
    /// with a value other than 1/true/yes/0/false/no/empty is an error naming the variable.
    static func applying(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                         to arguments: [String]) throws(ValidationError) -> [String] {
        guard let name = arguments.first, let command = commands[name] else { return arguments }
        return try applying(environment, to: arguments, of: command)
    }

    /// `arguments` of `command` (e.g. `piimask-stream`'s, which has no subcommand) with the
    /// options the environment sets and the command line does not appended.
    public static func applying(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                to arguments: [String], of command: any ParsableCommand.Type) throws(ValidationError) -> [String] {
        var result = arguments
        for variable in variables(of: command) {
            guard let value = environment[variable.name] else { continue }
            let given = arguments.contains { $0 == "--" + variable.option || $0.hasPrefix("--" + variable.option + "=") }
            if given { continue }
            if variable.isFlag {
                switch value.lowercased() {
                case "1", "true", "yes": result.append("--" + variable.option)
                case "0", "false", "no", "": break
                default: throw ValidationError("\(variable.name) must be 1, true, yes, 0, false or no")
                }
            } else if variable.isRepeating {
                for item in value.split(separator: ",") where !item.isEmpty {
                    result.append("--" + variable.option + "=" + item.trimmingCharacters(in: .whitespaces))
                }
            } else if !value.isEmpty {
                result.append("--" + variable.option + "=" + value)
            }
        }
        return result
    }
}
