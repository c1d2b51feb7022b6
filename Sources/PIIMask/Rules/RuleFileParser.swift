import Yams

/// Reads rule files: YAML with a `version`, `rules`, `fields`, `default_field`, `field_map`,
/// `allow` and `deny`.
///
/// Entries are kept as raw YAML keys until every file is read, so that a later file can
/// override single keys of a rule (`RuleSet` merges them), and are then decoded with errors
/// that name the file, the line and the rule id.
enum RuleFileParser {
    /// The newest rule-file version this build reads.
    static let supportedVersion = 1

    /// A YAML value and the file it came from.
    struct Located {
        let node: Node
        let file: String
        /// For a mapping merged from several files: the file each member key came from
        /// (a member not listed came from `file`).
        var memberFiles: [String: String] = [:]
        var line: Int? { node.mark?.line }

        /// The file that set the mapping's member `key`.
        func file(of key: String) -> String { memberFiles[key] ?? file }
    }

    /// One rule or field entry: its id and its keys, each with where it came from.
    struct Entry {
        let id: String
        var keys: [String: Located]
        var order: [String]
        let source: RuleSource
        /// A rule or a field category.
        let subject: RuleError.Subject
        /// The entries of later files that overrode keys of this one, in load order.
        var overrides: [RuleSource] = []

        /// Takes the keys `other` gives. A `mask` or `examples` mapping is merged key by key
        /// (overriding `keep_first` keeps the rest of the mask as it was; overriding
        /// `examples.match` keeps the `masked` pairs). Masked examples describe the mask they
        /// were written for: a `mask` override that brings no `examples.masked` of its own
        /// drops the earlier ones.
        mutating func override(with other: Entry) {
            overrides.append(other.source)
            for key in other.order {
                if keys[key] == nil { order.append(key) }
                if key == "mask" || key == "examples", let old = keys[key], let new = other.keys[key],
                   case .mapping(var merged) = old.node, case .mapping(let given) = new.node {
                    var memberFiles: [String: String] = [:]
                    for (name, _) in merged { if let name = name.string { memberFiles[name] = old.file(of: name) } }
                    for (name, value) in given {
                        merged[name] = value
                        if let name = name.string { memberFiles[name] = new.file }
                    }
                    merged.mark = given.mark
                    keys[key] = Located(node: .mapping(merged), file: new.file, memberFiles: memberFiles)
                } else {
                    keys[key] = other.keys[key]
                }
            }
            if other.keys["mask"] != nil, let examples = keys["examples"], case .mapping(var map) = examples.node,
               other.keys["examples"].map({ Self.mapping($0.node, has: "masked") }) != true {
                map["masked"] = nil
                keys["examples"] = Located(node: .mapping(map), file: examples.file, memberFiles: examples.memberFiles)
            }
        }

        private static func mapping(_ node: Node, has key: String) -> Bool {
            guard case .mapping(let map) = node else { return false }
            return map[key] != nil
        }

        /// The error `problem` about this entry, at `location` (default: where it is defined).
        func error(_ problem: String, at location: RuleSource? = nil) -> RuleError {
            let location = location ?? source
            return RuleError(file: location.file, line: location.line, ruleID: id, subject: subject, problem: problem)
        }
    }

    /// A parsed rule file.
    struct Document {
        var rules: [Entry] = []
        var fields: [Entry] = []
        var defaultField: Located?
        var fieldMap: [FieldMapEntry] = []
        var allow: [AllowEntry] = []
        /// The `deny:` entries, each made a rule by `DenyEntry.rule`.
        var deny: [Entry] = []
    }

    static let ruleKeys: Set<String> = [
        "id", "type", "description", "priority", "pattern", "flags", "requires", "candidate", "validator",
        "context", "mask", "enabled", "examples",
    ]
    static let fieldKeys: Set<String> = [
        "id", "new", "description", "detect", "detect_add", "detect_remove", "whole_value", "allow",
    ]

    /// Parses one file's text.
    static func parse(_ text: String, file: String) throws(RuleError) -> Document {
        let root: Node?
        do {
            // No implicit tag resolution: the readers here take a scalar's text (`Node.string`,
            // `.int` and `.bool` do not look at resolved tags), and the default resolver's
            // regular expressions ran on every scalar (about a third of start-up).
            root = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            throw RuleError(file: file, line: yamlLine(error), problem: "not valid YAML: \(yamlProblem(error))")
        } catch {
            throw RuleError(file: file, problem: "not valid YAML")
        }
        guard let root, case .mapping(let mapping) = root else {
            throw RuleError(file: file, line: root?.mark?.line, problem: "a rule file is a YAML mapping with `version`")
        }
        var document = Document()
        var version: Int?
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "version":
                guard let number = value.int else {
                    throw RuleError(file: file, line: value.mark?.line, problem: "version must be a whole number")
                }
                version = number
            case "rules":
                document.rules = try entries(value, file: file, allowed: ruleKeys, what: "rules", subject: .rule)
            case "fields":
                document.fields = try entries(value, file: file, allowed: fieldKeys, what: "fields", subject: .field)
            case "default_field":
                document.defaultField = Located(node: value, file: file)
            case "field_map":
                document.fieldMap = try fieldMapEntries(value, file: file)
            case "allow":
                document.allow = try AllowEntry.decode(value, file: file)
            case "deny":
                document.deny = try entries(value, file: file, allowed: DenyEntry.keys, what: "deny", subject: .rule)
            default:
                throw RuleError(file: file, line: keyNode.mark?.line,
                                problem: "unknown key `\(key)` (expected version, rules, fields, default_field, field_map, allow, deny)")
            }
        }
        guard let version else {
            throw RuleError(file: file, line: 1, problem: "missing `version` (this build reads version \(supportedVersion))")
        }
        guard version >= 1 && version <= supportedVersion else {
            throw RuleError(file: file, line: 1,
                            problem: "version \(version) is not supported (this build reads version \(supportedVersion))")
        }
        return document
    }

    private static func entries(_ node: Node, file: String, allowed: Set<String>, what: String,
                                subject: RuleError.Subject) throws(RuleError) -> [Entry] {
        guard case .sequence(let sequence) = node else {
            throw RuleError(file: file, line: node.mark?.line, problem: "`\(what)` must be a list")
        }
        var result: [Entry] = []
        for item in sequence {
            guard case .mapping(let mapping) = item else {
                throw RuleError(file: file, line: item.mark?.line, problem: "each entry of `\(what)` must be a mapping")
            }
            guard let id = mapping["id"]?.string, !id.isEmpty else {
                throw RuleError(file: file, line: item.mark?.line, problem: "an entry of `\(what)` has no `id`")
            }
            var keys: [String: Located] = [:]
            var order: [String] = []
            for (keyNode, value) in mapping {
                let key = keyNode.string ?? ""
                guard allowed.contains(key) else {
                    throw RuleError(file: file, line: keyNode.mark?.line, ruleID: id, subject: subject,
                                    problem: "unknown key `\(key)` (expected \(allowed.sorted().joined(separator: ", ")))")
                }
                keys[key] = Located(node: value, file: file)
                order.append(key)
            }
            result.append(Entry(id: id, keys: keys, order: order,
                                source: RuleSource(file: file, line: item.mark?.line), subject: subject))
        }
        return result
    }

    private static func fieldMapEntries(_ node: Node, file: String) throws(RuleError) -> [FieldMapEntry] {
        guard case .sequence(let sequence) = node else {
            throw RuleError(file: file, line: node.mark?.line, problem: "`field_map` must be a list of {path, field}")
        }
        var result: [FieldMapEntry] = []
        for item in sequence {
            guard case .mapping(let mapping) = item, mapping.count == 2,
                  let path = mapping["path"]?.string, let field = mapping["field"]?.string else {
                throw RuleError(file: file, line: item.mark?.line,
                                problem: "each `field_map` entry is {path: JSON path, field: category id}")
            }
            result.append(FieldMapEntry(path: path, field: field, source: RuleSource(file: file, line: item.mark?.line)))
        }
        return result
    }

    private static func yamlLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    private static func yamlProblem(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        case .reader(let problem, _, _, _):
            return problem
        default:
            return "cannot be read"
        }
    }
}
