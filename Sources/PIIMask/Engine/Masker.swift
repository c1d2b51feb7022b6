import PCRE2

/// Masks PII in text: the one type an embedding application needs.
///
/// Build it once (from the built-in rules, or a `RuleSet` with your own files) and share it
/// across threads; each call takes per-thread scratch from an internal pool.
///
/// ```swift
/// let masker = try Masker()
/// masker.mask("call me on +447966197542")            // "call me on *********7542"
/// masker.mask("+447966197542", field: "customer.name") // "*********7542"
/// ```
public final class Masker: Sendable {
    let rules: [CompiledRule]
    /// The context words of every rule, merged.
    let contextTable: ContextWordTable
    private let policies: [String: FieldPolicy]
    /// The policy for values whose field category is not given or not known.
    public let defaultPolicy: FieldPolicy
    /// The field category ids, in definition order.
    public let fieldIDs: [String]
    /// The rules in effect, as defined.
    public let ruleSet: RuleSet
    /// JSON paths of chat events and their field categories.
    let fieldMap: FieldMap
    /// The policy of each field-map entry, by entry index.
    private let fieldMapPolicies: [FieldPolicy]
    let limits: MatchLimits
    /// Words after which a message's trailing digits or `local@` may begin a value typed on
    /// in the next message of a conversation (see `ConversationMasker`).
    let conversationWords: ContextWordTable
    private let pool = WorkerPool()

    /// A masker with the built-in rules.
    public convenience init() throws(RuleError) {
        try self.init(ruleSet: RuleSet.builtin())
    }

    /// A masker for `ruleSet`: compiles every enabled rule and resolves every field category.
    ///
    /// - Parameter matchLimit: PCRE2's match limit per search; a value whose search hits it
    ///   is masked whole.
    /// - Throws: `RuleError` for a pattern that does not compile or can match nothing,
    ///   an unknown flag or validator.
    public init(ruleSet: RuleSet, matchLimit: UInt32 = 1_000_000) throws(RuleError) {
        self.ruleSet = ruleSet
        let enabled = ruleSet.rules.filter(\.enabled)
        var lists: [[String]] = []
        for words in enabled.compactMap(\.context) {
            for list in ContextRule.lists(words) where !lists.contains(list) { lists.append(list) }
        }
        guard lists.count <= ContextWordTable.maxLists else {
            throw RuleError(file: enabled.last?.source.file ?? "rules",
                            problem: "more than \(ContextWordTable.maxLists) distinct context word lists")
        }
        contextTable = ContextWordTable(
            lists: lists, maxWindow: enabled.compactMap(\.context).map { max($0.window, $0.denyWindow) }.max() ?? 0)
        var rules: [CompiledRule] = []
        for definition in enabled {
            rules.append(try CompiledRule(definition, contextTable: contextTable))
        }
        self.rules = rules
        conversationWords = ContextWordTable(
            lists: [Self.conversationWords(enabled), Self.emailWords], maxWindow: 40)
        var policies: [String: FieldPolicy] = [:]
        for field in ruleSet.fields { policies[field.id] = FieldPolicy(field, rules: rules) }
        self.policies = policies
        fieldIDs = ruleSet.fields.map(\.id)
        defaultPolicy = policies[ruleSet.defaultField]!
        limits = MatchLimits(matchLimit: matchLimit)
        var mapRules: [FieldMap.Rule] = []
        for entry in ruleSet.fieldMap {
            do {
                mapRules.append(FieldMap.Rule(pattern: try FieldPathPattern(parsing: entry.path), category: entry.field))
            } catch {
                throw RuleError(file: entry.source.file, line: entry.source.line, problem: "field_map: \(error)")
            }
        }
        fieldMap = FieldMap(rules: mapRules)
        fieldMapPolicies = ruleSet.fieldMap.map { policies[$0.field]! }
    }

    /// Words for an e-mail address, after which a last word is a local part to come.
    private static let emailWords = ["email", "e-mail", "mailadres", "e-mailadres", "emailadres",
                                     "email address", "e-mail address"]

    /// The require and allow words of the rules for the built-in value types, and the words
    /// people use for an account or an address.
    private static func conversationWords(_ rules: [RuleDefinition]) -> [String] {
        var words: [String] = ["iban", "rekeningnummer", "account number", "bank account", "mail"] + emailWords
        for rule in rules where ["phone", "card", "iban", "ssn", "bsn", "email"].contains(rule.type) {
            words += (rule.context?.require ?? []) + (rule.context?.allow ?? [])
        }
        // Words, not signs: an `@` (a contact line's e-mail address) says nothing of the
        // digits that end a later message.
        return words.filter { $0.contains(where: \.isLetter) }
    }

    /// The policy for a JSON string value at `path`: its field category's, or the default.
    @inline(__always)
    func policy(at path: JSONPath) -> FieldPolicy {
        fieldMap.ruleIndex(for: path).map { fieldMapPolicies[$0] } ?? defaultPolicy
    }

    /// The policy the field map gives the string at `path`, or nil when it maps no category
    /// (then the default applies). A string mapped to the default category explicitly
    /// (`message.text`) is chat text.
    @inline(__always)
    func fieldMapPolicy(at path: JSONPath) -> FieldPolicy? {
        fieldMap.ruleIndex(for: path).map { fieldMapPolicies[$0] }
    }

    /// The policy of field category `id`, or nil when no such category is defined.
    public func policy(named id: String) -> FieldPolicy? { policies[id] }

    /// The policy for `field`: its own when defined, otherwise the default policy
    /// (an unknown category means mask everything, never mask nothing).
    public func policy(for field: String?) -> FieldPolicy {
        field.flatMap { policies[$0] } ?? defaultPolicy
    }

    /// Returns `text` with every detected value masked.
    ///
    /// - Parameter field: the value's field category; nil or unknown uses the default.
    /// - Complexity: O(n) in the length of `text` for the built-in rules.
    public func mask(_ text: String, field: String? = nil) -> String {
        var text = text
        let policy = policy(for: field)
        return text.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            mask(utf8: UnsafeRawBufferPointer(bytes), policy: policy, appendingTo: &output)
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// The findings in `text` (byte ranges are offsets in its UTF-8 form).
    public func findings(in text: String, field: String? = nil) -> [Finding] {
        var text = text
        let policy = policy(for: field)
        return text.withUTF8 { findings(inUTF8: UnsafeRawBufferPointer($0), policy: policy) }
    }

    /// Masks the UTF-8 bytes of one value and appends the result to `output`: the entry for
    /// callers that hold byte buffers. Invalid UTF-8 is copied through as it is outside
    /// masked spans, never an error.
    ///
    /// - Returns: how many findings were masked.
    @discardableResult
    public func mask(utf8 value: UnsafeRawBufferPointer, policy: FieldPolicy,
                     appendingTo output: inout [UInt8]) -> Int {
        withWorker { worker in
            worker.detectIfCandidate(value, policy: policy)
            if worker.spans.isEmpty {
                output.append(contentsOf: value)
            } else {
                worker.render(value, into: &output)
            }
            return worker.spans.count
        }
    }

    /// The findings in the UTF-8 bytes of one value.
    public func findings(inUTF8 value: UnsafeRawBufferPointer, policy: FieldPolicy) -> [Finding] {
        withWorker { worker in
            worker.detectIfCandidate(value, policy: policy)
            return worker.findings
        }
    }

    /// Runs `body` with a worker from the pool, returning it afterwards.
    func withWorker<Result>(_ body: (MaskingWorker) -> Result) -> Result {
        let worker = pool.pop() ?? makeWorker()
        defer { pool.push(worker) }
        return body(worker)
    }

    /// A new worker: for a thread that masks many values in a row.
    func makeWorker() -> MaskingWorker {
        MaskingWorker(rules: rules, contextTable: contextTable, limits: limits)
    }
}
