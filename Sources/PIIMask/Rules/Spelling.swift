/// "Did you mean" for ids in rule files (a typo'd id must not silently define something new)
/// and for the CLI's subcommands.
public enum Spelling {
    /// The id among `candidates` nearest to `word`, when it is at most 2 edits away.
    static func nearest(to word: String, among candidates: some Sequence<String>) -> String? {
        var best: (id: String, edits: Int)?
        for candidate in candidates {
            let edits = distance(word, candidate)
            if edits <= 2, edits < (best?.edits ?? .max) { best = (candidate, edits) }
        }
        return best?.id
    }

    /// ` (did you mean `ID`?)` for the nearest candidate, or nothing.
    static func suggestion(for word: String, among candidates: some Sequence<String>) -> String {
        nearest(to: word, among: candidates).map { " (did you mean `\($0)`?)" } ?? ""
    }

    /// Edit distance: insertions, deletions, substitutions and swaps of neighbouring
    /// characters, each 1.
    public static func distance(_ a: String, _ b: String) -> Int {
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
