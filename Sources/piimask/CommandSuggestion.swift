import ArgumentParser

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
        let nearest = subcommands.map { ($0._commandName, distance(first, $0._commandName)) }.min { $0.1 < $1.1 }
        if let (name, edits) = nearest, edits <= 2 {
            return "unknown command '\(typed)'; did you mean '\((path + [name]).joined(separator: " "))'?"
        }
        return "unknown command '\(typed)'; commands: \(names.joined(separator: ", "))"
    }

    /// Edit distance between two words (insertions, deletions, substitutions, and swaps of
    /// neighbouring letters, each 1).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
