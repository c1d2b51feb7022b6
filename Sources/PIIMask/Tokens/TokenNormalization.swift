/// How a value is normalised before a `token` mask keys it, so that one value written in
/// several ways gets one token: decided by the rule's data type.
public enum TokenNormalization: Sendable, Equatable {
    /// The ASCII digits only (phone, card, ssn).
    case digits
    /// The ASCII letters and digits, upper-cased (iban).
    case alphanumericUppercased
    /// The whole address, lower-cased (email).
    case caseFolded
    /// The bytes as matched (any other type).
    case exact

    /// The normalisation for values of `type`.
    public init(type: String) {
        switch type {
        case "phone", "card", "ssn": self = .digits
        case "iban": self = .alphanumericUppercased
        case "email": self = .caseFolded
        default: self = .exact
        }
    }

    /// The normalised bytes of `value`.
    func apply(_ value: UnsafeRawBufferPointer) -> [UInt8] {
        switch self {
        case .digits:
            return value.filter { $0 &- 0x30 < 10 }
        case .alphanumericUppercased:
            return value.filter(TokenKey.isAlphanumeric).map { $0 &- 0x61 < 26 ? $0 - 0x20 : $0 }
        case .caseFolded:
            return Array(String(decoding: value, as: UTF8.self).lowercased().utf8)
        case .exact:
            return Array(value)
        }
    }
}
