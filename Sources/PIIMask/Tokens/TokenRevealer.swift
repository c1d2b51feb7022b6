import Crypto
import Foundation
import _CryptoExtras

/// Turns `encrypt` tokens (`[PHONE:enc:k1:BASE64URL]`) in text back into the values they
/// hold, for a holder of the key. Other text, `token` tokens included, is left as it is.
public struct TokenRevealer: Sendable {
    /// The keys tokens are opened with, found by the key id each token names.
    public let keys: TokenKeyRing

    /// A revealer with `keys`.
    public init(keys: TokenKeyRing) {
        self.keys = keys
    }

    /// `line` with every `encrypt` token replaced by its value.
    ///
    /// - Throws: `TokenKeyError` — naming the byte offset of the token and its key id, never
    ///   a value — when a token names a key id that is not listed, or does not open with the
    ///   listed key (a wrong key, or an altered token). Nothing of the line is returned then.
    public func reveal(_ line: [UInt8]) throws(TokenKeyError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(line.count)
        var position = 0
        var index = 0
        while let open = line[index...].firstIndex(of: UInt8(ascii: "[")) {
            guard let token = EncryptToken(line, at: open) else {
                index = open + 1
                continue
            }
            guard let key = keys.key(id: String(token.keyID)) else {
                throw TokenKeyError("the token at byte \(open) names a key id the key file does not list")
            }
            guard let box = try? AES.GCM._SIV.SealedBox(combined: token.sealed),
                  let value = try? AES.GCM._SIV.open(
                      box, using: key.encryptionKey,
                      authenticating: TokenMask.authenticatedData(label: token.label, keyID: token.keyID)) else {
                throw TokenKeyError("the token at byte \(open) does not open with key \(token.keyID) (a wrong key, or an altered token)")
            }
            output += line[position..<open]
            output += value
            position = token.end
            index = token.end
        }
        output += line[position...]
        return output
    }
}

/// The parts of one `encrypt` token: `[LABEL:enc:KEYID:BASE64URL]`.
private struct EncryptToken {
    let label: Substring
    let keyID: Substring
    let sealed: Data
    /// The offset just after the closing `]`.
    let end: Int

    /// Parses the token starting at the `[` at `start`, or nil when none starts there.
    init?(_ line: [UInt8], at start: Int) {
        let limit = min(line.count, start + 4096)
        guard let close = line[(start + 1)..<limit].firstIndex(of: UInt8(ascii: "]")) else { return nil }
        let text = String(decoding: line[(start + 1)..<close], as: UTF8.self)
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[1] == "enc",
              !parts[0].isEmpty, parts[0].utf8.allSatisfy({ TokenKey.isAlphanumeric($0) || $0 == UInt8(ascii: "_") }),
              TokenKey.isValidID(String(parts[2])),
              parts[3].utf8.allSatisfy({ TokenKey.isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }),
              let sealed = Base64URL.decode(parts[3]), sealed.count >= 28 else { return nil }
        label = parts[0]
        keyID = parts[2]
        self.sealed = sealed
        end = close + 1
    }
}
