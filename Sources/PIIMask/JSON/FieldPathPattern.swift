/// A dotted JSON path pattern of the field map, such as `task.title`, `cad.*`,
/// `messages.*.text` or `*.sender.signature`.
///
/// Syntax:
/// - Components are separated by `.`; each is an object key or an array index (`0`, `1`…;
///   a decimal component matches both the array index and an object key spelled that way).
/// - `*` as a whole component matches any one key or array index.
/// - Inside a component, `\.` is a literal `.` (a key containing a dot: `headers.x\.id`
///   matches the key `x.id` under `headers`), `\*` a literal `*` and `\\` a literal `\`.
///   No other escape is allowed.
/// - No component may be empty: an empty pattern, a leading or trailing `.` or `..` are
///   errors, as is `*` mixed with other characters in one component.
///
/// A pattern matches a path of exactly as many components.
struct FieldPathPattern: Equatable, Sendable, CustomStringConvertible {
    /// One component of a pattern.
    enum Component: Equatable, Sendable {
        /// `*`: any one key or array index.
        case any
        /// A literal key (UTF-8 bytes, escapes resolved); `index` is its value when it is a
        /// canonical non-negative decimal (`0`, `17`, not `01`), so it also matches that
        /// array index.
        case literal(key: [UInt8], index: Int?)
    }

    /// The components, outermost first; never empty.
    let components: [Component]
    /// The pattern as written.
    let source: String

    /// Parses `pattern`.
    ///
    /// - Throws: `FieldPathPatternError` naming the pattern, the 1-based column and what is
    ///   wrong; the caller adds the rule file and rule.
    init(parsing pattern: String) throws(FieldPathPatternError) {
        let bytes = Array(pattern.utf8)
        func failure(_ reason: String, at offset: Int) -> FieldPathPatternError {
            let column = String(decoding: bytes[..<min(offset, bytes.count)], as: UTF8.self).count + 1
            return FieldPathPatternError(pattern: pattern, column: column, reason: reason)
        }
        guard !bytes.isEmpty else { throw failure("is empty", at: 0) }

        var components: [Component] = []
        var key: [UInt8] = []
        var sawWildcard = false
        var componentStart = 0
        var index = 0

        func finishComponent(at offset: Int) throws(FieldPathPatternError) {
            if key.isEmpty {
                if offset == 0 {
                    throw failure("starts with `.`", at: 0)
                } else if offset == bytes.count {
                    throw failure("ends with `.`", at: offset - 1)
                } else {
                    throw failure("has an empty component (`..`)", at: offset)
                }
            }
            if sawWildcard {
                guard key.count == 1 else {
                    throw failure("mixes `*` with other characters in one component (write `\\*` for a literal `*`)",
                                  at: componentStart)
                }
                components.append(.any)
            } else {
                components.append(.literal(key: key, index: Self.canonicalIndex(key)))
            }
            key.removeAll()
            sawWildcard = false
        }

        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count else {
                    throw failure("ends with a lone `\\` (write `\\\\` for a literal backslash)", at: index)
                }
                let escaped = bytes[index + 1]
                guard escaped == UInt8(ascii: ".") || escaped == UInt8(ascii: "*") || escaped == UInt8(ascii: "\\") else {
                    let shown = String(decoding: bytes[(index + 1)...], as: UTF8.self).first.map(String.init) ?? ""
                    throw failure("has an unknown escape `\\\(shown)` (only `\\.`, `\\*` and `\\\\` are allowed)",
                                  at: index)
                }
                key.append(escaped)
                index += 2
            case UInt8(ascii: "."):
                try finishComponent(at: index)
                index += 1
                componentStart = index
            case UInt8(ascii: "*"):
                sawWildcard = true
                key.append(byte)
                index += 1
            default:
                key.append(byte)
                index += 1
            }
        }
        try finishComponent(at: bytes.count)
        self.components = components
        self.source = pattern
    }

    /// The pattern as written.
    var description: String { source }

    /// The value of `key` when it is a canonical non-negative decimal that fits an `Int`
    /// (`0`, `42`; not `01`, `+1` or `-1`), else nil.
    static func canonicalIndex(_ key: [UInt8]) -> Int? {
        guard !key.isEmpty, key.count <= 18, key.allSatisfy(JSONBytes.isDigit),
              key.count == 1 || key[0] != UInt8(ascii: "0") else { return nil }
        return key.reduce(0) { $0 * 10 + Int($1 &- 0x30) }
    }
}

/// A malformed field-map path pattern.
struct FieldPathPatternError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The pattern as written.
    let pattern: String
    /// Where the problem is, in characters from 1.
    let column: Int
    /// What is wrong, as a phrase completing "field path … ".
    let reason: String

    /// For example: ``field path "a..b" has an empty component (`..`) at column 2``.
    var description: String {
        "field path \"\(pattern)\" \(reason) at column \(column)"
    }
}
