/// A problem in a rule file: which file, where, which rule or field, and what is wrong.
///
/// Its description never quotes input text; it may quote the rule file.
public struct RuleError: Error, Sendable, CustomStringConvertible {
    /// What kind of entry an error is about.
    public enum Subject: String, Sendable {
        /// A detection rule (`rules:`).
        case rule
        /// A field category (`fields:`).
        case field
    }

    /// The rule file (its path, or `builtin:NAME` for a built-in file).
    public let file: String
    /// The 1-based line in the file, when known.
    public let line: Int?
    /// The id of the rule or field category concerned, when known.
    public let ruleID: String?
    /// Whether `ruleID` names a rule or a field category.
    public let subject: Subject
    /// What is wrong.
    public let problem: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, ruleID: String? = nil, subject: Subject = .rule, problem: String) {
        self.file = file
        self.line = line
        self.ruleID = ruleID
        self.subject = subject
        self.problem = problem
    }

    /// `file:line: rule ID: problem` (`field ID` for a field category).
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let ruleID { text += "\(subject.rawValue) \(ruleID): " }
        return text + problem
    }

    /// The problem of rule files that set no `default_field` (which the built-in
    /// `fields.yaml` does): whoever leaves the built-in rules out must define the field
    /// categories too.
    static let missingDefaultFieldProblem =
        "no rule file sets `default_field` (the built-in fields.yaml does: without the built-in rules, define field categories and default_field in your own files)"

    /// Whether the rule files set no `default_field`: they do not stand alone, without the
    /// built-in field categories.
    public var isMissingDefaultField: Bool {
        problem == Self.missingDefaultFieldProblem
    }
}
