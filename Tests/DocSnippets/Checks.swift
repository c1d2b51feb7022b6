import Foundation

/// What the blocks' value comments are checked with (the generated code calls these).
enum SnippetChecks {
    /// Checks made so far.
    nonisolated(unsafe) static var checks = 0
    /// Checks that failed so far.
    nonisolated(unsafe) static var failures = 0

    /// Reports one failed check on stderr.
    static func fail(_ message: String) {
        failures += 1
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Whether `text` matches `pattern`, where `…` in the pattern stands for any text.
    static func matches(_ text: String, _ pattern: String) -> Bool {
        let pieces = pattern.components(separatedBy: "…")
        guard pieces.count > 1 else { return text == pattern }
        guard text.hasPrefix(pieces[0]), text.hasSuffix(pieces[pieces.count - 1]),
              text.count >= pieces[0].count + pieces[pieces.count - 1].count else { return false }
        var rest = text.dropFirst(pieces[0].count).dropLast(pieces[pieces.count - 1].count)
        for piece in pieces.dropFirst().dropLast() {
            guard let found = rest.range(of: piece) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }
}

/// Checks that a string the docs show as `// "value"` is that value (`…`: any text).
func expect(_ value: String, _ expected: String, at place: String) {
    SnippetChecks.checks += 1
    if !SnippetChecks.matches(value, expected) {
        SnippetChecks.fail("\(place): got \(value.debugDescription), the docs say \(expected.debugDescription)")
    }
}

/// Checks a value the docs show as an array literal.
func expect<Value: Equatable>(_ value: Value, _ expected: Value, at place: String) {
    SnippetChecks.checks += 1
    if value != expected { SnippetChecks.fail("\(place): got \(value), the docs say \(expected)") }
}

/// Checks that a call the docs show as `// throws ErrorType` throws that type.
func expectThrows<Failure: Error>(_ type: Failure.Type, at place: String, _ body: () throws -> some Any) {
    SnippetChecks.checks += 1
    do {
        _ = try body()
        SnippetChecks.fail("\(place): returned, the docs say it throws \(Failure.self)")
    } catch is Failure {
    } catch {
        SnippetChecks.fail("\(place): threw \(error), the docs say \(Failure.self)")
    }
}
