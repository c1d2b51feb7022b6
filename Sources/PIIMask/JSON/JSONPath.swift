/// One level of the path to the value the rewriter is at: an open object, with the key of
/// the member being parsed, or an open array, with the index of the element being parsed.
///
/// Keys are not copied into `String`s: a key without escapes is a range of the line, a key
/// with escapes a range of the rewriter's key scratch, where it was decoded.
struct JSONPathFrame {
    /// Whether this level is an object (else an array).
    var isObject: Bool
    /// Whether the key's bytes are in the line (no escapes) rather than in the key scratch.
    var keyInLine: Bool
    /// The index of the current element, for an array.
    var index: Int
    /// Where the current key's decoded bytes start, in the line or in the key scratch.
    var keyStart: Int
    /// How many bytes the current key has.
    var keyCount: Int
    /// The size of the key scratch when this level was opened: its own keys start there.
    var scratchMark: Int

    /// An object level, before its first key.
    static func object(scratchMark: Int) -> JSONPathFrame {
        JSONPathFrame(isObject: true, keyInLine: true, index: 0, keyStart: 0, keyCount: 0, scratchMark: scratchMark)
    }

    /// An array level, at its first element.
    static func array(scratchMark: Int) -> JSONPathFrame {
        JSONPathFrame(isObject: false, keyInLine: true, index: 0, keyStart: 0, keyCount: 0, scratchMark: scratchMark)
    }
}

/// One step of a `JSONPath`: an object key (its decoded bytes) or an array index.
enum JSONPathComponent: Equatable, CustomStringConvertible {
    /// An object member's key, decoded (escapes resolved), as generalized UTF-8.
    /// The bytes are only valid while the path is.
    case key(UnsafeRawBufferPointer)
    /// An array element's index, from 0.
    case index(Int)

    /// Keys compare by their bytes, indices by value.
    static func == (lhs: JSONPathComponent, rhs: JSONPathComponent) -> Bool {
        switch (lhs, rhs) {
        case let (.key(left), .key(right)): return left.elementsEqual(right)
        case let (.index(left), .index(right)): return left == right
        default: return false
        }
    }

    /// The component as written in a field-map pattern: a key with `.`, `\` and `*`
    /// escaped by a backslash (invalid UTF-8 repaired), or the decimal index.
    var description: String {
        switch self {
        case .index(let index):
            return String(index)
        case .key(let bytes):
            var text = ""
            for character in String(decoding: bytes, as: UTF8.self).unicodeScalars {
                if character == "." || character == "\\" || character == "*" {
                    text.unicodeScalars.append("\\")
                }
                text.unicodeScalars.append(character)
            }
            return text
        }
    }
}

/// The path from the root of a JSON value to one string value in it: the keys and array
/// indices on the way, outermost first. A top-level string has the empty path.
///
/// A lightweight view of the rewriter's parse stack, handed to a `JSONStringVisitor`: no
/// `String` is built per value. **It is only valid during the visitor call** that received
/// it; copy what you need (for example `description`) before returning.
///
/// Example: in `{"a":[{"b":"x"}]}` the path of `"x"` is `a`, `0`, `b`, written `a.0.b`.
struct JSONPath: RandomAccessCollection, CustomStringConvertible {
    /// The open levels, outermost first.
    let frames: UnsafeBufferPointer<JSONPathFrame>
    /// The start of the line being parsed (keys without escapes point into it).
    let line: UnsafeRawPointer?
    /// The start of the key scratch (keys with escapes were decoded into it).
    let keys: UnsafeRawPointer?

    /// The position of the outermost component: 0.
    var startIndex: Int { 0 }
    /// One past the innermost component: the depth.
    var endIndex: Int { frames.count }

    /// The component at depth `position`.
    @inline(__always)
    subscript(position: Int) -> JSONPathComponent {
        let frame = frames[position]
        return frame.isObject ? .key(keyBytes(frame)) : .index(frame.index)
    }

    /// The decoded bytes of an object level's current key.
    @inline(__always)
    func keyBytes(_ frame: JSONPathFrame) -> UnsafeRawBufferPointer {
        let base = frame.keyInLine ? line : keys
        guard let base else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: base + frame.keyStart, count: frame.keyCount)
    }

    /// The key of the innermost level; nil in an array or at the top.
    var innermostKey: UnsafeRawBufferPointer? {
        guard let frame = frames.last, frame.isObject else { return nil }
        return keyBytes(frame)
    }

    /// The path written as a field-map pattern: components joined by `.`, with `.`, `\` and
    /// `*` inside keys escaped by a backslash (`a.0.b`, `headers.x\.id`); empty at the top.
    var description: String {
        map(\.description).joined(separator: ".")
    }
}
