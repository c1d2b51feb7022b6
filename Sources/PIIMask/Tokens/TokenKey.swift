import Crypto
import Foundation

/// One key of a `TokenKeyRing`: its id (written into every token it makes) and the subkeys
/// derived from its secret with HKDF-SHA-256, one per use, so that no key serves two purposes.
public struct TokenKey: Sendable {
    /// Fewest secret bytes a key may have.
    public static let minimumSecretBytes = 32

    /// The key's id: 1–16 ASCII letters and digits.
    public let id: String
    /// HMAC-SHA-256 key for `token` masks.
    let tokenKey: SymmetricKey
    /// HMAC-SHA-256 key that derives the nonce of an `encrypt` mask from the value.
    let nonceKey: SymmetricKey
    /// AES-256 key for `encrypt` masks (AES-GCM-SIV).
    let encryptionKey: SymmetricKey

    /// Creates a key from its id and secret.
    ///
    /// - Throws: `TokenKeyError` for an id that is not 1–16 ASCII letters and digits, or a
    ///   secret shorter than `minimumSecretBytes`.
    public init(id: String, secret: [UInt8]) throws(TokenKeyError) {
        guard Self.isValidID(id) else {
            throw TokenKeyError("a key id must be 1 to 16 ASCII letters and digits")
        }
        guard secret.count >= Self.minimumSecretBytes else {
            throw TokenKeyError("key \(id) has \(secret.count) bytes; at least \(Self.minimumSecretBytes) random bytes are needed")
        }
        self.id = id
        let master = SymmetricKey(data: secret)
        func derive(_ purpose: String) -> SymmetricKey {
            HKDF<SHA256>.deriveKey(inputKeyMaterial: master, salt: Array("piimask token keys v1".utf8),
                                   info: Array(purpose.utf8), outputByteCount: 32)
        }
        tokenKey = derive("token")
        nonceKey = derive("encrypt nonce")
        encryptionKey = derive("encrypt")
    }

    /// Whether `id` can be a key id.
    static func isValidID(_ id: String) -> Bool {
        (1...16).contains(id.utf8.count) && id.utf8.allSatisfy(isAlphanumeric)
    }

    /// Whether `byte` is an ASCII letter or digit.
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10 || (byte | 0x20) &- 0x61 < 26
    }

    /// `key`, or for a conversation-scoped mask the key HMAC'd with the conversation id:
    /// each conversation gets keys of its own.
    static func scoped(_ key: SymmetricKey, conversation: UnsafeRawBufferPointer?) -> SymmetricKey {
        guard let conversation else { return key }
        return SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(conversation), using: key))
    }
}
