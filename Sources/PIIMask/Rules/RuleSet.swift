import Yams
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
    /// The top-level allow entries of every rule file, in load order: they apply to every
    /// field category (`FieldDefinition.allow` holds a category's own).
    public private(set) var allow: [AllowEntry]

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
        var allow: [AllowEntry] = []
        var denyEntries: [RuleFileParser.Entry] = []
        for source in sources {
            let document = try RuleFileParser.parse(source.text, file: source.file)
            try mergeEntries(document.rules, into: &ruleEntries, file: source.file)
            try mergeEntries(try document.fields.map { (entry) throws(RuleError) in
                try Self.checkNewField(entry, existing: fieldEntries)
                return try Self.foldDetectChanges(entry, into: fieldEntries)
            }, into: &fieldEntries, file: source.file)
            if let value = document.defaultField { defaultField = value }
            fieldMap = document.fieldMap + fieldMap
            allow += document.allow
            denyEntries += document.deny
        }
        var rules: [RuleDefinition] = []
        for entry in ruleEntries { rules.append(try EntryDecoder(entry: entry).rule()) }
        var ids = Set(rules.map(\.id))
        for entry in denyEntries {
            guard ids.insert(entry.id).inserted else {
                throw entry.error("a rule or deny entry with this id is defined already (deny entries are not overridden)")
            }
            rules.append(try DenyEntry.rule(entry))
        }
        var fields: [FieldDefinition] = []
        for entry in fieldEntries { fields.append(try EntryDecoder(entry: entry).field()) }
        guard let defaultField else {
            throw RuleError(file: sources.last?.file ?? "(no rule files)", problem: RuleError.missingDefaultFieldProblem)
        }
        guard let defaultID = defaultField.node.string, fields.contains(where: { $0.id == defaultID }) else {
            throw RuleError(file: defaultField.file, line: defaultField.line,
                            problem: "default_field names no defined field category")
        }
        let types = Set(rules.map(\.type))
        for field in fields {
            for type in field.detect where !types.contains(type) {
                throw RuleError(file: field.detectSource.file, line: field.detectSource.line, ruleID: field.id,
                                subject: .field, problem: "detects type `\(type)`, which no rule has (types: \(types.sorted().joined(separator: ", ")))")
            }
        }
        // A rule whose type no category detects would load, pass its examples and mask nothing.
        let detected = Set(fields.flatMap(\.detect))
        for rule in rules where rule.enabled && !detected.contains(rule.type) {
            throw RuleError(file: rule.source.file, line: rule.source.line, ruleID: rule.id,
                            problem: "type `\(rule.type)` is detected by no field category, so the rule would mask nothing: add it to a category with detect_add, e.g. `fields: [{id: message.text, detect_add: [\(rule.type)]}]`")
        }
        let fieldIDs = Set(fields.map(\.id))
        for entry in fieldMap where !fieldIDs.contains(entry.field) {
            throw RuleError(file: entry.source.file, line: entry.source.line,
                            problem: "field_map: path `\(entry.path)` names unknown field category `\(entry.field)`\(Spelling.suggestion(for: entry.field, among: fieldIDs))")
        }
        try compileAllowLists(allow, into: &fields)
        return RuleSet(rules: rules, fields: fields, defaultField: defaultID, fieldMap: fieldMap, allow: allow)
    }

    /// Checks the allow entries (a refused type or an invalid value stops the load) and gives
    /// each field category the compiled list of the top-level entries and its own.
    private static func compileAllowLists(_ allow: [AllowEntry], into fields: inout [FieldDefinition]) throws(RuleError) {
        let shared = try AllowList(allow)
        for index in fields.indices {
            let own = fields[index].allow
            if own.isEmpty {
                fields[index].allowList = shared.isEmpty ? nil : shared
            } else {
                _ = try AllowList(own, ruleID: fields[index].id, subject: .field)
                fields[index].allowList = try AllowList(allow + own)
            }
        }
    }

    /// A field entry with `detect_add` / `detect_remove` folded into a `detect` list built on
    /// the category's list so far. A `detect` that replaces an earlier list and drops types
    /// is refused: it would silently turn masking of those types off.
    private static func foldDetectChanges(_ entry: RuleFileParser.Entry,
                                          into existing: [RuleFileParser.Entry]) throws(RuleError) -> RuleFileParser.Entry {
        var entry = entry
        let earlier = existing.first { $0.id == entry.id }?.keys["detect"]
        let earlierTypes = earlier.flatMap { Self.strings($0.node) } ?? []
        let add = entry.keys["detect_add"]
        let remove = entry.keys["detect_remove"]
        if let given = entry.keys["detect"], let earlier {
            let kept = Set(Self.strings(given.node) ?? [])
            let dropped = earlierTypes.filter { !kept.contains($0) }
            if !dropped.isEmpty {
                throw RuleError(file: given.file, line: given.line, ruleID: entry.id, subject: .field, problem: """
                    detect replaces the list set in \(earlier.file)\(earlier.line.map { ":\($0)" } ?? "") and \
                    drops \(dropped.joined(separator: ", ")), which would silently stop masking them: list them \
                    too, add types with detect_add, or drop them explicitly with detect_remove
                    """)
            }
        }
        guard add != nil || remove != nil else { return entry }
        var types = entry.keys["detect"].flatMap { Self.strings($0.node) } ?? earlierTypes
        for (key, located) in [("detect_add", add), ("detect_remove", remove)] {
            guard let located else { continue }
            guard let listed = Self.strings(located.node) else {
                throw RuleError(file: located.file, line: located.line, ruleID: entry.id, subject: .field,
                                problem: "`\(key)` must be a list of text")
            }
            if key == "detect_add" {
                types += listed.filter { !types.contains($0) }
            } else {
                types.removeAll { listed.contains($0) }
            }
            entry.keys[key] = nil
            entry.order.removeAll { $0 == key }
        }
        let node = Node.sequence(Node.Sequence(types.map { Node($0) }, Tag(.implicit), .flow, (add ?? remove)!.node.mark))
        if entry.keys["detect"] == nil { entry.order.append("detect") }
        entry.keys["detect"] = RuleFileParser.Located(node: node, file: (add ?? remove)!.file)
        return entry
    }

    /// The texts of a YAML sequence of scalars, or nil when it is not one.
    private static func strings(_ node: Node) -> [String]? {
        guard case .sequence(let items) = node else { return nil }
        var texts: [String] = []
        for item in items {
            guard case .scalar = item, let text = item.string else { return nil }
            texts.append(text)
        }
        return texts
    }

    /// A field entry whose id no earlier file defines must say `new: true` once field
    /// categories exist: an override with a typo'd id (`mesage.text`) would otherwise define
    /// a category nothing uses, and the types it adds would silently not be masked. An entry
    /// that says `new: true` for an id already defined is refused too.
    private static func checkNewField(_ entry: RuleFileParser.Entry,
                                      existing: [RuleFileParser.Entry]) throws(RuleError) {
        let declared = entry.keys["new"]
        var isNew = false
        if let declared {
            guard let value = declared.node.bool else {
                throw entry.error("`new` must be true or false", at: RuleSource(file: declared.file, line: declared.line))
            }
            isNew = value
        }
        let earlier = existing.first { $0.id == entry.id }
        if isNew, let earlier {
            throw entry.error("says `new: true`, but \(earlier.source) defines this field category already")
        }
        if earlier == nil, !existing.isEmpty, !isNew {
            throw entry.error("""
                no field category `\(entry.id)` is defined\(Spelling.suggestion(for: entry.id, among: existing.map(\.id))); \
                to define a new one, add `new: true` to the entry
                """)
        }
    }

    private static func mergeEntries(_ new: [RuleFileParser.Entry], into existing: inout [RuleFileParser.Entry],
                                     file: String) throws(RuleError) {
        var seenHere: Set<String> = []
        for var entry in new {
            guard seenHere.insert(entry.id).inserted else {
                throw entry.error("defined twice in the same file")
            }
            entry.keys["new"] = nil
            entry.order.removeAll { $0 == "new" }
            if let index = existing.firstIndex(where: { $0.id == entry.id }) {
                existing[index].override(with: entry)
            } else {
                // A rule entry without type and pattern can only override an earlier rule.
                if entry.subject == .rule, entry.keys["type"] == nil, entry.keys["pattern"] == nil {
                    let suggestion = Spelling.suggestion(for: entry.id, among: existing.map(\.id))
                    if entry.keys["enabled"]?.node.bool == false {
                        throw entry.error("disables a rule that no earlier rule file defines\(suggestion)")
                    }
                    throw entry.error("""
                        no earlier rule file defines a rule `\(entry.id)` to override\(suggestion); \
                        a new rule needs type, pattern and mask
                        """)
                }
                existing.append(entry)
            }
        }
    }

    static func readFiles(at path: String) throws(RuleError) -> [(file: String, text: String)] {
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
