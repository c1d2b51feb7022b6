/// A problem in a rule file: which file, where, which rule or field, and what is wrong.
///
/// Its description never quotes input text; it may quote the rule file.
public struct RuleError: Error, Sendable, CustomStringConvertible {
    /// The rule file (its path, or `builtin:NAME` for a built-in file).
    public let file: String
    /// The 1-based line in the file, when known.
    public let line: Int?
    /// The id of the rule or field category concerned, when known.
    public let ruleID: String?
    /// What is wrong.
    public let problem: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, ruleID: String? = nil, problem: String) {
        self.file = file
        self.line = line
        self.ruleID = ruleID
        self.problem = problem
    }

    /// `file:line: rule ID: problem`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let ruleID { text += "rule \(ruleID): " }
        return text + problem
    }
}
