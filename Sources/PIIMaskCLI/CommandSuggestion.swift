import ArgumentParser
import PIIMask

/// Catches a mistyped subcommand before ArgumentParser would take it for a stray argument
/// (of the default command, the filter, at the top): `piimask scna` says "did you mean
/// 'scan'?", `piimask rules lst` "did you mean 'rules list'?".
enum CommandSuggestion {
    /// The error for `arguments` whose first word after the known subcommands of `command`
    /// is neither an option nor a subcommand; nil when the arguments are fine so far.
    static func error(for arguments: [String], command: any ParsableCommand.Type, path: [String] = []) -> String? {
        let subcommands = command.configuration.subcommands
        guard !subcommands.isEmpty, let first = arguments.first, !first.hasPrefix("-"), first != "help" else { return nil }
        if let subcommand = subcommands.first(where: { $0._commandName == first }) {
            return error(for: Array(arguments.dropFirst()), command: subcommand, path: path + [first])
        }
        let names = subcommands.map { (path + [$0._commandName]).joined(separator: " ") }
        let typed = (path + [first]).joined(separator: " ")
        let nearest = subcommands.map { ($0._commandName, Spelling.distance(first, $0._commandName)) }.min { $0.1 < $1.1 }
        if let (name, edits) = nearest, edits <= 2 {
            return "unknown command '\(typed)'; did you mean '\((path + [name]).joined(separator: " "))'?"
        }
        return "unknown command '\(typed)'; commands: \(names.joined(separator: ", "))"
    }
}
