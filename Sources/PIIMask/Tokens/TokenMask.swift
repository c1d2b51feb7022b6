import Crypto
import Foundation
import _CryptoExtras

/// A mask that replaces a value by a keyed token instead of stars (rule files:
/// `mask: {kind: token}` or `{kind: encrypt}`; the filter: `--mask token|encrypt`).
///
/// - `token`: `[PHONE:k1:7f3a9c2e5b1d4a60]` — the key id and the first 8 bytes (16 hex
///   digits) of HMAC-SHA-256 over the type and the normalised value (`TokenNormalization`);
///   irreversible. With `keepLast` N the last N letters or digits of `keepClass` follow:
///   `[CARD:k1:…:1111]`.
/// - `encrypt`: `[PHONE:enc:k1:BASE64URL]` — AES-256-GCM-SIV over the value as written,
///   the nonce the first 12 bytes of an HMAC of the value, the type and key id authenticated;
///   the token carries nonce, ciphertext and tag. Deterministic and reversible
///   (`TokenRevealer`) by a holder of the key.
///
/// A mask renders tokens only when bound to keys (`RuleSet.bindingTokens`), and a
/// conversation-scoped one only when given a conversation id: otherwise it writes stars
/// over the whole value (fail closed), never an unkeyed or unscoped token.
public final class TokenMask: Sendable, Equatable {
    /// Irreversible or reversible.
    public enum Kind: String, Sendable, CaseIterable {
        /// A keyed hash (HMAC-SHA-256).
        case token
        /// Deterministic authenticated encryption (AES-GCM-SIV).
        case encrypt
    }

    /// Over which messages one value gets one token.
    public enum Scope: String, Sendable, CaseIterable {
        /// Within one conversation: the keys are HMAC'd with its id.
        case conversation
        /// Everywhere the key is used.
        case global
    }

    /// Irreversible or reversible.
    public let kind: Kind
    /// Over which messages one value gets one token.
    public let scope: Scope
    /// The rule's data type, upper-cased: the token's first part.
    public let label: String
    /// How the value is normalised before a `token` is computed.
    public let normalization: TokenNormalization
    /// `token` only: how many letters or digits of `keepClass` at the end of the value follow the hash.
    public let keepLast: Int
    /// Which characters count towards `keepLast`.
    public let keepClass: Mask.KeepClass
    /// The keys; nil until bound.
    public let keys: TokenKeyRing?

    /// Creates a token mask for values of data type `type`.
    public init(kind: Kind, scope: Scope, type: String, keepLast: Int = 0,
                keepClass: Mask.KeepClass = .any, keys: TokenKeyRing? = nil) {
        self.kind = kind
        self.scope = scope
        label = String(type.uppercased().unicodeScalars.map {
            $0.isASCII && (TokenKey.isAlphanumeric(UInt8($0.value)) || $0 == "_") ? Character($0) : "_"
        })
        normalization = TokenNormalization(type: type)
        self.keepLast = keepLast
        self.keepClass = keepClass
        self.keys = keys
    }

    private init(_ other: TokenMask, scope: Scope, keys: TokenKeyRing?) {
        kind = other.kind
        self.scope = scope
        label = other.label
        normalization = other.normalization
        keepLast = other.keepLast
        keepClass = other.keepClass
        self.keys = keys
    }

    /// This mask with `keys` (and `scope`, when given).
    public func binding(_ keys: TokenKeyRing, scope: Scope? = nil) -> TokenMask {
        TokenMask(self, scope: scope ?? self.scope, keys: keys)
    }

    public static func == (lhs: TokenMask, rhs: TokenMask) -> Bool {
        lhs.kind == rhs.kind && lhs.scope == rhs.scope && lhs.label == rhs.label
            && lhs.normalization == rhs.normalization && lhs.keepLast == rhs.keepLast
            && lhs.keepClass == rhs.keepClass && lhs.keys === rhs.keys
    }

    /// Appends the token for `value` to `output`; stars over the whole value when the mask
    /// has no keys, or is scoped per conversation and `conversation` (the id's UTF-8 bytes)
    /// is nil.
    func render(_ value: UnsafeRawBufferPointer, conversation: UnsafeRawBufferPointer?, into output: inout [UInt8]) {
        guard let key = keys?.current, scope == .global || conversation != nil,
              let token = self.token(value, key: key, conversation: scope == .global ? nil : conversation) else {
            Mask.everything.render(value, into: &output)
            return
        }
        output.append(contentsOf: token.utf8)
    }

    private func token(_ value: UnsafeRawBufferPointer, key: TokenKey, conversation: UnsafeRawBufferPointer?) -> String? {
        switch kind {
        case .token:
            var input = Array(label.utf8)
            input.append(0)
            input += normalization.apply(value)
            let code = HMAC<SHA256>.authenticationCode(
                for: input, using: TokenKey.scoped(key.tokenKey, conversation: conversation))
            let hex = code.prefix(8).map { String(format: "%02x", $0) }.joined()
            let tail = keepLast > 0 ? ":" + keptTail(value) : ""
            return "[\(label):\(key.id):\(hex)\(tail)]"
        case .encrypt:
            var input = Array(label.utf8)
            input.append(0)
            input += value
            let derived = HMAC<SHA256>.authenticationCode(
                for: input, using: TokenKey.scoped(key.nonceKey, conversation: conversation))
            guard let nonce = try? AES.GCM._SIV.Nonce(data: Array(derived.prefix(12))),
                  let box = try? AES.GCM._SIV.seal(Array(value), using: key.encryptionKey, nonce: nonce,
                                                    authenticating: Self.authenticatedData(label: label, keyID: key.id))
            else { return nil }
            return "[\(label):enc:\(key.id):\(Base64URL.encode(box.combined))]"
        }
    }

    /// What an `encrypt` token authenticates besides its value: its type and key id.
    static func authenticatedData(label: Substring, keyID: Substring) -> [UInt8] {
        Array("piimask encrypt v1:\(label):\(keyID)".utf8)
    }

    static func authenticatedData(label: String, keyID: String) -> [UInt8] {
        authenticatedData(label: label[...], keyID: keyID[...])
    }

    /// The last `keepLast` ASCII letters or digits of `keepClass` in `value` (upper-cased
    /// for an alphanumeric-normalised type).
    private func keptTail(_ value: UnsafeRawBufferPointer) -> String {
        let kept = value.filter { byte in
            switch keepClass {
            case .digit: byte &- 0x30 < 10
            case .alnum, .any: TokenKey.isAlphanumeric(byte)
            }
        }.suffix(keepLast)
        let bytes = normalization == .alphanumericUppercased ? kept.map { $0 &- 0x61 < 26 ? $0 - 0x20 : $0 } : Array(kept)
        return String(decoding: bytes, as: UTF8.self)
    }
}
