import Foundation

/// Base64url without padding (RFC 4648 §5): the alphabet of `encrypt` tokens, which holds
/// no `:`, `]`, white space or JSON escape.
enum Base64URL {
    /// `bytes` in base64url, unpadded.
    static func encode(_ bytes: Data) -> String {
        var text = bytes.base64EncodedString()
        while text.last == "=" { text.removeLast() }
        return String(text.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
    }

    /// The bytes of unpadded base64url `text`, or nil when it is not base64url.
    static func decode(_ text: Substring) -> Data? {
        guard !text.contains(where: { $0 == "+" || $0 == "/" || $0 == "=" }) else { return nil }
        var standard = String(text.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
        while standard.utf8.count % 4 != 0 { standard += "=" }
        return Data(base64Encoded: standard)
    }
}
