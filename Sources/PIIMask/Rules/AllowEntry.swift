import Yams

/// One entry of an `allow:` list in a rule file (top level, or of a field category): values
/// of one data type that are written unchanged where a rule finds them.
///
/// ```yaml
/// allow:
///   - {type: phone, values: ["+31 20 555 0100"]}
///   - {type: email, domains: [acme-bank.nl], values: [support@acme-bank.nl]}
///   - {type: iban, values: [NL91ABNA0417164300]}
/// ```
public struct AllowEntry: Sendable, Equatable {
    /// The data type: `phone`, `email` or `iban` (cards, SSNs and BSNs are never allowed).
    public var type: String
    /// Whole values, each a valid value of the type (a phone number with its country code).
    public var values: [String]
    /// For `email`: domains whose every address is allowed (the domain exactly, not its
    /// subdomains).
    public var domains: [String]
    /// Where the entry was written.
    public var source: RuleSource

    /// The keys an entry may have.
    static let keys: Set<String> = ["type", "values", "domains"]

    /// The entries of an `allow:` list node of `file`.
    static func decode(_ node: Node, file: String, ruleID: String? = nil,
                       subject: RuleError.Subject = .rule) throws(RuleError) -> [AllowEntry] {
        func fail(_ node: Node, _ problem: String) -> RuleError {
            RuleError(file: file, line: node.mark?.line, ruleID: ruleID, subject: subject, problem: problem)
        }
        guard case .sequence(let items) = node else {
            throw fail(node, "`allow` must be a list of {type, values, domains}")
        }
        var entries: [AllowEntry] = []
        for item in items {
            guard case .mapping(let map) = item else {
                throw fail(item, "each `allow` entry is a mapping {type, values, domains}")
            }
            for (key, _) in map where !keys.contains(key.string ?? "") {
                throw fail(key, "unknown key `allow.\(key.string ?? "")` (expected \(keys.sorted().joined(separator: ", ")))")
            }
            guard let typeNode = map["type"], case .scalar = typeNode, let type = typeNode.string, !type.isEmpty else {
                throw fail(item, "an `allow` entry has no `type`")
            }
            func texts(_ key: String) throws(RuleError) -> [String] {
                guard let list = map[key] else { return [] }
                guard case .sequence(let values) = list else { throw fail(list, "`allow.\(key)` must be a list of text") }
                var result: [String] = []
                for value in values {
                    guard case .scalar = value, let text = value.string else {
                        throw fail(value, "`allow.\(key)` must be a list of text")
                    }
                    result.append(text)
                }
                return result
            }
            let entry = AllowEntry(type: type, values: try texts("values"), domains: try texts("domains"),
                                   source: RuleSource(file: file, line: item.mark?.line))
            guard !entry.values.isEmpty || !entry.domains.isEmpty else {
                throw fail(item, "an `allow` entry needs `values`\(type == "email" ? " or `domains`" : "")")
            }
            entries.append(entry)
        }
        return entries
    }
}
