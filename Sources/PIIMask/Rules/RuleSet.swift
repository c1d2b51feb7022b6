import Foundation

/// The rules and field categories in effect: the built-in rule files, then any user rule
/// files, merged by id (a later file overrides single keys of an earlier rule or field).
public struct RuleSet: Sendable {
    /// Every rule, enabled or not, in definition order.
    public internal(set) var rules: [RuleDefinition]
    /// Every field category, in definition order.
    public private(set) var fields: [FieldDefinition]
    /// The category for values whose category is not given or not known.
    public private(set) var defaultField: String
    /// Which JSON paths of a chat event belong to which field category, first match winning:
    /// the entries of later rule files come first, so that they override earlier ones.
    public private(set) var fieldMap: [FieldMapEntry]

    /// The built-in rules (the files of `rules/`, compiled into the binary).
    public static func builtin() throws(RuleError) -> RuleSet {
        try load(paths: [])
    }

    /// The built-in rules (unless `includeBuiltin` is false), then the rule files at
    /// `paths`: each a YAML file, or a folder whose `.yaml`/`.yml` files are read in name order.
    public static func load(paths: [String], includeBuiltin: Bool = true) throws(RuleError) -> RuleSet {
        var sources: [(file: String, text: String)] = []
        if includeBuiltin {
            sources += BuiltinRules.files.map { ("builtin:\($0.name)", $0.text) }
        }
        for path in paths {
            sources += try readFiles(at: path)
        }
        return try merge(sources)
    }

    /// Merges rule-file texts, in order.
    static func merge(_ sources: [(file: String, text: String)]) throws(RuleError) -> RuleSet {
        var ruleEntries: [RuleFileParser.Entry] = []
        var fieldEntries: [RuleFileParser.Entry] = []
        var defaultField: RuleFileParser.Located?
        var fieldMap: [FieldMapEntry] = []
        for source in sources {
            let document = try RuleFileParser.parse(source.text, file: source.file)
            try mergeEntries(document.rules, into: &ruleEntries, file: source.file)
            try mergeEntries(document.fields, into: &fieldEntries, file: source.file)
            if let value = document.defaultField { defaultField = value }
            fieldMap = document.fieldMap + fieldMap
        }
        var rules: [RuleDefinition] = []
        for entry in ruleEntries { rules.append(try EntryDecoder(entry: entry).rule()) }
        var fields: [FieldDefinition] = []
        for entry in fieldEntries { fields.append(try EntryDecoder(entry: entry).field()) }
        guard let defaultField else {
            throw RuleError(file: sources.last?.file ?? "(no rule files)", problem: "no rule file sets `default_field`")
        }
        guard let defaultID = defaultField.node.string, fields.contains(where: { $0.id == defaultID }) else {
            throw RuleError(file: defaultField.file, line: defaultField.line,
                            problem: "default_field names no defined field category")
        }
        let types = Set(rules.map(\.type))
        for field in fields {
            for type in field.detect where !types.contains(type) {
                throw RuleError(file: field.source.file, line: field.source.line, ruleID: field.id,
                                problem: "detects type `\(type)`, which no rule has (types: \(types.sorted().joined(separator: ", ")))")
            }
        }
        // A rule whose type no category detects would load, pass its examples and mask nothing.
        let detected = Set(fields.flatMap(\.detect))
        for rule in rules where rule.enabled && !detected.contains(rule.type) {
            throw RuleError(file: rule.source.file, line: rule.source.line, ruleID: rule.id,
                            problem: "type `\(rule.type)` is detected by no field category, so the rule would mask nothing: add it to the `detect` list of a field (e.g. message.text)")
        }
        let fieldIDs = Set(fields.map(\.id))
        for entry in fieldMap where !fieldIDs.contains(entry.field) {
            throw RuleError(file: entry.source.file, line: entry.source.line,
                            problem: "field_map: path `\(entry.path)` names unknown field category `\(entry.field)`")
        }
        return RuleSet(rules: rules, fields: fields, defaultField: defaultID, fieldMap: fieldMap)
    }

    private static func mergeEntries(_ new: [RuleFileParser.Entry], into existing: inout [RuleFileParser.Entry],
                                     file: String) throws(RuleError) {
        var seenHere: Set<String> = []
        for entry in new {
            guard seenHere.insert(entry.id).inserted else {
                throw RuleError(file: file, line: entry.source.line, ruleID: entry.id,
                                problem: "defined twice in the same file")
            }
            if let index = existing.firstIndex(where: { $0.id == entry.id }) {
                existing[index].override(with: entry)
            } else {
                existing.append(entry)
            }
        }
    }

    private static func readFiles(at path: String) throws(RuleError) -> [(file: String, text: String)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RuleError(file: path, problem: "no such file or folder")
        }
        var files = [path]
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                .map { (path as NSString).appendingPathComponent($0) }
            guard !files.isEmpty else { throw RuleError(file: path, problem: "the folder holds no .yaml rule files") }
        }
        var result: [(file: String, text: String)] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw RuleError(file: file, problem: "cannot be read")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw RuleError(file: file, problem: "is not UTF-8 text")
            }
            result.append((file, text))
        }
        return result
    }
}
