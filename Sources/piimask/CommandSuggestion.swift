/// Catches a mistyped subcommand before the default command (the filter) would take it for
/// a stray argument: `piimask scna` says "did you mean 'scan'?".
enum CommandSuggestion {
    /// The error for `arguments` whose first word is neither an option nor a command; nil
    /// when the first argument is fine.
    static func error(for arguments: [String], commands: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !commands.contains(first) else { return nil }
        let nearest = commands.map { ($0, distance(first, $0)) }.min { $0.1 < $1.1 }
        if let (command, edits) = nearest, edits <= 2 {
            return "unknown command '\(first)'; did you mean '\(command)'?"
        }
        return "unknown command '\(first)'; commands: \(commands.joined(separator: ", "))"
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
