/// The language a generated message is written in.
enum Language: Sendable, Equatable {
    /// English.
    case english
    /// Dutch.
    case dutch
}
