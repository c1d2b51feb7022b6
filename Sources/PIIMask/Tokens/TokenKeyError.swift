/// Why token keys could not be loaded or a token could not be made or revealed. Messages
/// name files, lines and key ids — never key material or masked values.
public struct TokenKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problem, ready for a diagnostic.
    public let description: String

    /// Creates an error with `description`.
    public init(_ description: String) {
        self.description = description
    }
}
