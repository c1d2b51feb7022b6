import Foundation
import Yams

/// One entry of a rule file's `deny:` list: a dictionary of tokens that are masked wherever
/// they stand as a whole token, as a rule of its own.
///
/// ```yaml
/// deny:
///   - id: deny.accounts
///     type: account
///     values: [AC-77812, AC-90211]
///     values_file: accounts.txt        # one value a line, relative to this rule file
///     mask: {label: "[ACCOUNT]"}
/// ```
///
/// The rule it becomes has the entry's id, type, mask, priority, description and examples;
/// its type is detected where a field category lists it (`detect_add`), like any rule's.
enum DenyEntry {
    /// The keys an entry may have.
    static let keys: Set<String> = [
        "id", "type", "description", "priority", "values", "values_file", "mask", "examples",
    ]

    /// The rule of a `deny:` entry, its dictionary loaded.
    static func rule(_ entry: RuleFileParser.Entry) throws(RuleError) -> RuleDefinition {
        var keys = entry.keys
        keys["values"] = nil
        keys["values_file"] = nil
        keys["pattern"] = RuleFileParser.Located(node: Node(TokenDictionary.tokenPattern), file: entry.source.file)
        let ruleEntry = RuleFileParser.Entry(id: entry.id, keys: keys, order: entry.order, source: entry.source,
                                             subject: .rule)
        var definition = try EntryDecoder(entry: ruleEntry).rule()
        let dictionary = try dictionary(entry)
        definition.candidate = .search
        definition.validator = ValidatorSpec(name: "dictionary", dictionary: dictionary)
        if definition.description.isEmpty {
            definition.description = "Deny dictionary: \(dictionary.count) listed token\(dictionary.count == 1 ? "" : "s"), masked where one stands whole."
        }
        return definition
    }

    /// The dictionary of the entry's `values` and the lines of its `values_file`.
    private static func dictionary(_ entry: RuleFileParser.Entry) throws(RuleError) -> TokenDictionary {
        var inline: [String] = []
        if let located = entry.keys["values"] {
            guard case .sequence(let items) = located.node else {
                throw entry.error("`values` must be a list of text", at: RuleSource(file: located.file, line: located.line))
            }
            for (index, item) in items.enumerated() {
                guard case .scalar = item, let text = item.string else {
                    throw entry.error("`values` must be a list of text", at: RuleSource(file: located.file, line: item.mark?.line))
                }
                var bytes = text
                if let problem = bytes.withUTF8({ TokenDictionary.problem(UnsafeRawBufferPointer($0)) }) {
                    // The value itself is never quoted: it is the data to hide.
                    throw entry.error("value \(index + 1) of `values` \(problem)",
                                      at: RuleSource(file: located.file, line: item.mark?.line))
                }
                inline.append(text)
            }
        }
        var fileBytes: [UInt8] = []
        var valuesFile = ""
        if let located = entry.keys["values_file"] {
            guard case .scalar = located.node, let path = located.node.string, !path.isEmpty else {
                throw entry.error("`values_file` must be a path", at: RuleSource(file: located.file, line: located.line))
            }
            guard !located.file.hasPrefix("builtin:") else {
                throw entry.error("`values_file` is for rule files on disk", at: RuleSource(file: located.file, line: located.line))
            }
            valuesFile = path.hasPrefix("/") ? path
                : ((located.file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: valuesFile) else {
                throw entry.error("values_file \(valuesFile) cannot be read", at: RuleSource(file: located.file, line: located.line))
            }
            fileBytes = [UInt8](data)
            try checkLines(fileBytes, file: valuesFile, entry: entry)
        }
        guard !inline.isEmpty || !fileBytes.isEmpty else {
            throw entry.error("a `deny` entry needs `values` or `values_file`")
        }
        let lineCount = fileBytes.reduce(into: 1) { if $1 == UInt8(ascii: "\n") { $0 += 1 } }
        let dictionary = TokenDictionary(capacity: inline.count + lineCount) { add in
            for var value in inline { value.withUTF8 { add(UnsafeRawBufferPointer($0)) } }
            fileBytes.withUnsafeBytes { bytes in forEachLine(bytes) { add($1) } }
        }
        guard dictionary.count > 0 else {
            throw entry.error("values_file \(valuesFile) holds no values")
        }
        return dictionary
    }

    /// Refuses a file with a line that is not one token (by its line number only).
    private static func checkLines(_ bytes: [UInt8], file: String, entry: RuleFileParser.Entry) throws(RuleError) {
        var failure: (line: Int, problem: String)?
        bytes.withUnsafeBytes { bytes in
            forEachLine(bytes) { line, value in
                if failure == nil, let problem = TokenDictionary.problem(value) { failure = (line, problem) }
            }
        }
        if let failure {
            throw RuleError(file: file, line: failure.line, ruleID: entry.id, problem: "the value on this line \(failure.problem)")
        }
    }

    /// Calls `body` with the 1-based number and the bytes of each line of `bytes` that holds
    /// a value: white space around it and a `\r` before the line break are dropped, blank
    /// lines and lines starting with `#` skipped.
    private static func forEachLine(_ bytes: UnsafeRawBufferPointer,
                                    _ body: (Int, UnsafeRawBufferPointer) -> Void) {
        var start = 0
        var line = 1
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            var first = start
            var last = end
            while first < last, isSpace(bytes[first]) { first += 1 }
            while last > first, isSpace(bytes[last - 1]) { last -= 1 }
            if first < last, bytes[first] != UInt8(ascii: "#") {
                body(line, UnsafeRawBufferPointer(rebasing: bytes[first..<last]))
            }
            start = end + 1
            line += 1
        }
    }
}
