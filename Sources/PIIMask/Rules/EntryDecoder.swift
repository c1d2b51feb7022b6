import Yams

/// Turns merged rule-file entries into `RuleDefinition`s and `FieldDefinition`s, with
/// errors that name the file, the line, the rule id and the key.
struct EntryDecoder {
    let entry: RuleFileParser.Entry

    func rule() throws(RuleError) -> RuleDefinition {
        let enabled = try bool("enabled") ?? true
        let hasMask = entry.keys["mask"] != nil
        let definition = RuleDefinition(
            id: entry.id,
            type: try requiredString("type"),
            description: try string("description") ?? "",
            priority: try int("priority") ?? 0,
            pattern: try requiredString("pattern"),
            flags: try stringList("flags") ?? [],
            requires: try string("requires"),
            candidate: try candidate(),
            validator: try validator(),
            context: try context(),
            mask: hasMask ? try mask() : Mask(),
            enabled: enabled,
            examples: try examples(),
            source: entry.source,
            overrides: entry.overrides)
        // A broken pattern is the first thing to know, before a missing mask.
        if enabled && (!hasMask || !entry.overrides.isEmpty) { try checkCompiles(definition) }
        guard hasMask else {
            throw fail(nil, "missing `mask` (say how matches are masked, e.g. `mask: {keep_last: 4}` or `mask: {label: \"[ID]\"}`)")
        }
        return definition
    }

    func field() throws(RuleError) -> FieldDefinition {
        FieldDefinition(
            id: entry.id,
            description: try string("description") ?? "",
            detect: try stringList("detect") ?? [],
            detectSource: entry.keys["detect"].map { RuleSource(file: $0.file, line: $0.line) } ?? entry.source,
            wholeValue: try bool("whole_value") ?? false,
            allow: try entry.keys["allow"].map { (located) throws(RuleError) in
                try AllowEntry.decode(located.node, file: located.file, ruleID: entry.id, subject: .field)
            } ?? [],
            source: entry.source,
            overrides: entry.overrides)
    }

    // MARK: Compiling

    /// Compiles the rule as `Masker` will, so that a problem of its pattern, flags,
    /// `requires` or validator is reported against the file that set the key at fault: the
    /// mistake of an override names the override, not the file the rule came from.
    private func checkCompiles(_ definition: RuleDefinition) throws(RuleError) {
        let context = definition.context
        let table = ContextWordTable(lists: context.map(ContextRule.lists) ?? [],
                                     maxWindow: context.map { max($0.window, $0.denyWindow) } ?? 0)
        do {
            _ = try CompiledRule(definition, contextTable: table)
        } catch {
            throw entry.error(error.problem, at: latestSource(of: Self.keys(causing: error.problem)))
        }
    }

    /// The keys that a compile problem is about, by its wording.
    private static func keys(causing problem: String) -> [String] {
        if problem.hasPrefix("pattern") { return ["pattern", "flags"] }
        if problem.hasPrefix("unknown flag") { return ["flags"] }
        if problem.hasPrefix("requires") { return ["requires"] }
        if problem.hasPrefix("validator") || problem.hasPrefix("unknown validator") { return ["validator"] }
        return []
    }

    /// The entry (the definition or one of its overrides) of the latest-loaded file that set
    /// one of `keys`; the definition when none is set.
    private func latestSource(of keys: [String]) -> RuleSource {
        let sources = [entry.source] + entry.overrides
        var latest = 0
        for key in keys {
            guard let file = entry.keys[key]?.file, let index = sources.lastIndex(where: { $0.file == file }) else { continue }
            latest = max(latest, index)
        }
        return sources[latest]
    }

    // MARK: Parts

    private func validator() throws(RuleError) -> ValidatorSpec? {
        guard let located = entry.keys["validator"] else { return nil }
        if let name = located.node.string, case .scalar = located.node {
            return ValidatorSpec(name: name)
        }
        let map = try mapping(located, "validator", allowed: [
            "name", "min_digits", "max_digits", "country_code", "regions", "country_code_first",
        ])
        guard let name = map["name"]?.string else { throw fail(located, "validator: missing `name`") }
        var countryCodeFirst: Bool?
        if let node = map["country_code_first"] {
            guard let value = node.bool else { throw fail(located, "`validator.country_code_first` must be true or false") }
            countryCodeFirst = value
        }
        var countryCode: String?
        if let node = map["country_code"] {
            guard let value = node.string else { throw fail(located, "`validator.country_code` must be lengths or plan") }
            countryCode = value
        }
        return ValidatorSpec(name: name,
                             minDigits: try intValue(map["min_digits"], located, "validator.min_digits"),
                             maxDigits: try intValue(map["max_digits"], located, "validator.max_digits"),
                             countryCode: countryCode,
                             regions: try stringArray(map["regions"], located, "validator.regions"),
                             countryCodeFirst: countryCodeFirst)
    }

    private func context() throws(RuleError) -> ContextWords? {
        guard let located = entry.keys["context"] else { return nil }
        let map = try mapping(located, "context", allowed: [
            "window", "require", "no_digits_between", "allow", "deny", "deny_window", "after", "after_window",
        ])
        var context = ContextWords()
        if let window = try intValue(map["window"], located, "context.window") { context.window = window }
        if let window = try intValue(map["deny_window"], located, "context.deny_window") { context.denyWindow = window }
        context.require = try stringArray(map["require"], located, "context.require") ?? []
        context.allow = try stringArray(map["allow"], located, "context.allow") ?? []
        if let node = map["no_digits_between"] {
            guard let value = node.bool else { throw fail(located, "`context.no_digits_between` must be true or false") }
            context.noDigitsBetween = value
        }
        context.deny = try stringArray(map["deny"], located, "context.deny") ?? []
        context.after = try stringArray(map["after"], located, "context.after") ?? []
        if let window = try intValue(map["after_window"], located, "context.after_window") { context.afterWindow = window }
        guard context.window >= 0, context.denyWindow >= 0, context.afterWindow >= 0 else {
            throw fail(located, "context: windows cannot be negative")
        }
        return context
    }

    private func candidate() throws(RuleError) -> CandidateKind? {
        guard let name = try string("candidate") else { return nil }
        guard let kind = CandidateKind(rawValue: name) else {
            throw fail(entry.keys["candidate"],
                       "candidate must be one of \(CandidateKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return kind
    }

    private func mask() throws(RuleError) -> Mask {
        guard let located = entry.keys["mask"] else { throw fail(nil, "missing `mask`") }
        let map = try mapping(located, "mask", allowed: [
            "keep_first", "keep_last", "keep_class", "char", "whitespace", "label", "scope", "kind", "token_scope",
        ])
        var mask = Mask()
        if let label = map["label"] {
            guard let text = label.string else { throw fail(located, "mask.label must be text") }
            guard !text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else {
                throw fail(located, "mask.label cannot hold a line break (one output line per input line)")
            }
            mask.label = Array(text.utf8)
        }
        mask.keepFirst = try intValue(map["keep_first"], located, "mask.keep_first") ?? 0
        mask.keepLast = try intValue(map["keep_last"], located, "mask.keep_last") ?? 0
        guard mask.keepFirst >= 0, mask.keepLast >= 0 else { throw fail(located, "mask: counts cannot be negative") }
        if let node = map["keep_class"] {
            guard let value = node.string.flatMap(Mask.KeepClass.init(rawValue:)) else {
                throw fail(located, "mask.keep_class must be one of \(Mask.KeepClass.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            mask.keepClass = value
        }
        if let node = map["scope"] {
            guard let value = node.string.flatMap(Mask.Scope.init(rawValue:)) else {
                throw fail(located, "mask.scope must be one of \(Mask.Scope.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            mask.scope = value
        }
        if let node = map["whitespace"] {
            switch node.string {
            case "keep": mask.keepWhitespace = true
            case "drop": mask.keepWhitespace = false
            default: throw fail(located, "mask.whitespace must be keep or drop")
            }
        }
        if let node = map["char"] {
            guard let text = node.string, text.utf8.count == 1, let byte = text.utf8.first, byte < 0x80,
                  byte != 0x20, byte != 0x09 else {
                throw fail(located, "mask.char must be one ASCII character other than white space")
            }
            mask.character = byte
        }
        mask.token = try tokenMask(map, located, mask)
        return mask
    }

    /// The token mask of `mask.kind: token|encrypt` (nil for `stars`, the default).
    private func tokenMask(_ map: [String: Node], _ located: RuleFileParser.Located,
                           _ mask: Mask) throws(RuleError) -> TokenMask? {
        let kinds = ["stars"] + TokenMask.Kind.allCases.map(\.rawValue)
        let name = map["kind"].map { $0.string ?? "" } ?? "stars"
        guard kinds.contains(name) else {
            throw fail(located, "mask.kind must be one of \(kinds.joined(separator: ", "))")
        }
        guard let kind = TokenMask.Kind(rawValue: name) else {
            if map["token_scope"] != nil { throw fail(located, "mask.token_scope applies to kind token or encrypt") }
            return nil
        }
        guard mask.label == nil else { throw fail(located, "mask.label cannot be combined with kind \(name)") }
        var scope = TokenMask.Scope.conversation
        if let node = map["token_scope"] {
            guard let value = node.string.flatMap(TokenMask.Scope.init(rawValue:)) else {
                throw fail(located, "mask.token_scope must be one of \(TokenMask.Scope.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            scope = value
        }
        return TokenMask(kind: kind, scope: scope, type: try string("type") ?? "",
                         keepLast: kind == .token ? mask.keepLast : 0, keepClass: mask.keepClass)
    }

    private func examples() throws(RuleError) -> RuleExamples {
        guard let located = entry.keys["examples"] else { return RuleExamples() }
        let map = try mapping(located, "examples", allowed: ["match", "no_match", "masked"])
        var examples = RuleExamples()
        examples.match = try stringArray(map["match"], located, "examples.match") ?? []
        examples.noMatch = try stringArray(map["no_match"], located, "examples.no_match") ?? []
        for (key, node) in map {
            examples.sources[key] = RuleSource(file: located.file(of: key), line: node.mark?.line)
        }
        if let masked = map["masked"] {
            guard case .sequence(let items) = masked else {
                throw fail(located, "examples.masked must be a list of [input, output] pairs")
            }
            for item in items {
                let pair = item.array()
                guard pair.count == 2, let input = pair[0].string, let output = pair[1].string else {
                    throw fail(located, "examples.masked must be a list of [input, output] pairs")
                }
                examples.masked.append((input, output))
            }
        }
        return examples
    }

    // MARK: Typed access

    private func fail(_ located: RuleFileParser.Located?, _ problem: String) -> RuleError {
        RuleError(file: located?.file ?? entry.source.file, line: located?.line ?? entry.source.line,
                  ruleID: entry.id, subject: entry.subject, problem: problem)
    }

    private func string(_ key: String) throws(RuleError) -> String? {
        guard let located = entry.keys[key] else { return nil }
        guard case .scalar = located.node, let text = located.node.string else {
            throw fail(located, "`\(key)` must be text")
        }
        return text
    }

    private func requiredString(_ key: String) throws(RuleError) -> String {
        guard let text = try string(key) else { throw fail(nil, "missing `\(key)`") }
        guard !text.isEmpty else { throw fail(entry.keys[key], "`\(key)` is empty") }
        return text
    }

    private func int(_ key: String) throws(RuleError) -> Int? {
        guard let located = entry.keys[key] else { return nil }
        return try intValue(located.node, located, key)
    }

    private func bool(_ key: String) throws(RuleError) -> Bool? {
        guard let located = entry.keys[key] else { return nil }
        guard let value = located.node.bool else { throw fail(located, "`\(key)` must be true or false") }
        return value
    }

    private func stringList(_ key: String) throws(RuleError) -> [String]? {
        guard let located = entry.keys[key] else { return nil }
        return try stringArray(located.node, located, key)
    }

    private func intValue(_ node: Node?, _ located: RuleFileParser.Located, _ name: String) throws(RuleError) -> Int? {
        guard let node else { return nil }
        guard let value = node.int else { throw fail(located, "`\(name)` must be a whole number") }
        return value
    }

    private func stringArray(_ node: Node?, _ located: RuleFileParser.Located, _ name: String) throws(RuleError) -> [String]? {
        guard let node else { return nil }
        guard case .sequence(let items) = node else { throw fail(located, "`\(name)` must be a list of text") }
        var result: [String] = []
        for item in items {
            guard case .scalar = item, let text = item.string else { throw fail(located, "`\(name)` must be a list of text") }
            result.append(text)
        }
        return result
    }

    private func mapping(_ located: RuleFileParser.Located, _ name: String,
                         allowed: Set<String>) throws(RuleError) -> [String: Node] {
        guard case .mapping(let map) = located.node else { throw fail(located, "`\(name)` must be a mapping") }
        var result: [String: Node] = [:]
        for (key, value) in map {
            let text = key.string ?? ""
            guard allowed.contains(text) else {
                throw RuleError(file: located.file, line: key.mark?.line, ruleID: entry.id, subject: entry.subject,
                                problem: "unknown key `\(name).\(text)` (expected \(allowed.sorted().joined(separator: ", ")))")
            }
            result[text] = value
        }
        return result
    }
}
