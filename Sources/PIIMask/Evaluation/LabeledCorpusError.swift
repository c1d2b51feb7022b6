/// A labeled corpus that cannot be read: which file, which line, and what is wrong.
///
/// Its description never quotes the file's content (the messages are personal data):
/// only the path, the line number, key names and offsets.
public struct LabeledCorpusError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The corpus file's path (or the name the caller gave the data).
    public let file: String
    /// The 1-based line, or nil when the file as a whole cannot be read.
    public let line: Int?
    /// What is wrong.
    public let problem: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    /// `file:line: problem`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        return text + ": " + problem
    }
}
