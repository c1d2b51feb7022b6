import Foundation
import Glibc

/// The keys of `token` and `encrypt` masks, read from a key file: the first key makes new
/// tokens; every listed key reveals the tokens that name it (rotation).
///
/// The file holds one key a line, `ID BASE64`: an id of 1–16 ASCII letters and digits, one
/// space or tab, and at least 32 random bytes in standard Base64. Blank lines and lines
/// starting with `#` are skipped. The file must be a regular file that neither group nor
/// others can read or write (mode 600 or 400).
public final class TokenKeyRing: Sendable {
    /// The keys in file order; the first makes new tokens.
    public let keys: [TokenKey]

    /// A ring of `keys` (at least one, ids unique).
    public init(keys: [TokenKey]) throws(TokenKeyError) {
        guard !keys.isEmpty else { throw TokenKeyError("no token keys given") }
        var seen = Set<String>()
        for key in keys where !seen.insert(key.id).inserted {
            throw TokenKeyError("key id \(key.id) is listed twice")
        }
        self.keys = keys
    }

    /// The key that makes new tokens.
    public var current: TokenKey { keys[0] }

    /// The key named `id`, if listed.
    public func key(id: String) -> TokenKey? {
        keys.first { $0.id == id }
    }

    /// Reads the key file at `path` (see the type's documentation for the format).
    ///
    /// - Throws: `TokenKeyError` naming the file and line for a missing, unreadable or
    ///   group/other-accessible file, a malformed line, a short key or a repeated id.
    public static func load(path: String) throws(TokenKeyError) -> TokenKeyRing {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw TokenKeyError("token key file '\(path)': \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw TokenKeyError("token key file '\(path)' is not a regular file")
        }
        guard status.st_mode & 0o077 == 0 else {
            throw TokenKeyError("token key file '\(path)' can be read or written by group or others; run chmod 600 on it")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TokenKeyError("token key file '\(path)' cannot be read")
        }
        return try parse(Array(data), file: path)
    }

    /// Parses key-file text; `file` names it in errors.
    static func parse(_ bytes: [UInt8], file: String) throws(TokenKeyError) -> TokenKeyRing {
        var keys: [TokenKey] = []
        var number = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            var trimmed = line[...]
            while let last = trimmed.last, last == 0x0D || last == 0x20 || last == 0x09 { trimmed = trimmed.dropLast() }
            while let first = trimmed.first, first == 0x20 || first == 0x09 { trimmed = trimmed.dropFirst() }
            if trimmed.isEmpty || trimmed.first == UInt8(ascii: "#") { continue }
            let parts = trimmed.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
            guard parts.count == 2,
                  let secret = Data(base64Encoded: Data(parts[1])) else {
                throw TokenKeyError("token key file '\(file)' line \(number): expected `ID BASE64` (a key id, a space, at least 32 random bytes in Base64)")
            }
            let id = String(decoding: parts[0], as: UTF8.self)
            do {
                keys.append(try TokenKey(id: id, secret: Array(secret)))
            } catch {
                throw TokenKeyError("token key file '\(file)' line \(number): \(error.description)")
            }
        }
        do {
            return try TokenKeyRing(keys: keys)
        } catch {
            throw TokenKeyError("token key file '\(file)': \(error.description)")
        }
    }
}
