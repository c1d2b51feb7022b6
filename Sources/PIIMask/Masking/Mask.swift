/// How a matched value is rewritten, as declared by a rule's `mask:` in a rule file.
///
/// Characters are UTF-8 characters (a lead byte and its continuation bytes); a stray
/// byte that is not valid UTF-8 counts as one character.
public struct Mask: Sendable, Equatable {
    /// Which characters count towards `keepLast`.
    public enum KeepClass: String, Sendable, Equatable, CaseIterable {
        /// ASCII digits.
        case digit
        /// ASCII letters and digits.
        case alnum
        /// Any character but white space.
        case any
    }

    /// Which part of the match is masked.
    public enum Scope: String, Sendable, Equatable, CaseIterable {
        /// The whole match.
        case whole
        /// The part before the last `@` (an e-mail's local part); `@domain` is kept.
        case localPart = "local-part"
    }

    /// The byte every masked character becomes (ASCII).
    public var character: UInt8 = UInt8(ascii: "*")
    /// How many characters at the start of the scope are kept.
    public var keepFirst = 0
    /// How many characters of `keepClass` at the end of the scope are kept. Other characters
    /// between the kept ones (separators such as the dots of `1112.22.333`) are written as
    /// white space is: kept with `keepWhitespace`, dropped without it; so kept characters and
    /// stars never interleave (`******2333`).
    public var keepLast = 0
    /// Which characters count towards `keepLast`.
    public var keepClass = KeepClass.any
    /// Whether white space inside the match is kept (true) or dropped (false).
    public var keepWhitespace = true
    /// When set, the whole match is replaced by this text, and the other settings are unused.
    public var label: [UInt8]?
    /// Which part of the match is masked.
    public var scope = Scope.whole
    /// When set, the match is replaced by a keyed token (`TokenMask`), and the other
    /// settings but `keepLast`/`keepClass` (given to the token mask) are unused.
    public var token: TokenMask?

    /// A mask that keeps nothing and every white space: what a value that cannot be
    /// decided gets (fail closed).
    public static let everything = Mask()

    /// Creates a mask that replaces every non-white-space character by `*`.
    public init() {}

    /// Appends the masked form of `value` to `output`.
    ///
    /// - Complexity: O(n) in the length of `value`.
    func render(_ value: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        if let label {
            output.append(contentsOf: label)
            return
        }
        if let token {
            token.render(value, conversation: nil, into: &output)
            return
        }
        switch scope {
        case .whole:
            renderMasked(value, into: &output)
        case .localPart:
            guard let at = value.lastIndex(of: UInt8(ascii: "@")) else {
                renderMasked(value, into: &output)
                return
            }
            renderMasked(UnsafeRawBufferPointer(rebasing: value[..<at]), into: &output)
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: value[at...]))
        }
    }

    /// Appends the masked form of `value` to `output`; a conversation-scoped token mask
    /// keys its token with `conversation` (the id's UTF-8 bytes).
    func render(_ value: UnsafeRawBufferPointer, conversation: UnsafeRawBufferPointer?, into output: inout [UInt8]) {
        if label == nil, let token {
            token.render(value, conversation: conversation, into: &output)
        } else {
            render(value, into: &output)
        }
    }

    private func renderMasked(_ value: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        let keptFrom = keepLast > 0 ? startOfKeptTail(value) : value.count
        // The first characters are kept only when more follow: a value never comes out whole
        // (`q@example.org` → `*@example.org`).
        let keepFirst = keepFirst > 0 && Self.characterCount(value, moreThan: keepFirst) ? keepFirst : 0
        // Bytes gather in a small buffer on the stack and go to `output` in blocks.
        var buffer = InlineArray<128, UInt8>(repeating: 0)
        var buffered = 0
        var index = 0
        var seen = 0
        while index < value.count {
            if buffered > 124 {
                Self.flush(&buffer, &buffered, into: &output)
            }
            let byte = value[index]
            if byte == 0x20 || byte == 0x09 {
                if keepWhitespace {
                    buffer[buffered] = byte
                    buffered += 1
                }
                index += 1
                continue
            }
            let length = byte < 0x80 ? 1 : Self.characterLength(value, at: index)
            if index >= keptFrom && !counts(byte) && seen >= keepFirst {
                // A separator inside the kept tail (`1112.22.333`, `…1643.00`) goes as white
                // space does: a star there would stand between kept characters.
                if keepWhitespace {
                    for offset in 0..<length {
                        buffer[buffered] = value[index + offset]
                        buffered += 1
                    }
                }
                seen += 1
                index += length
                continue
            }
            if seen < keepFirst || (index >= keptFrom && counts(byte)) {
                for offset in 0..<length {
                    buffer[buffered] = value[index + offset]
                    buffered += 1
                }
            } else {
                buffer[buffered] = character
                buffered += 1
            }
            seen += 1
            index += length
        }
        Self.flush(&buffer, &buffered, into: &output)
    }

    /// Appends `buffer[..<count]` to `output` and empties the buffer.
    @inline(__always)
    private static func flush(_ buffer: inout InlineArray<128, UInt8>, _ count: inout Int, into output: inout [UInt8]) {
        guard count > 0 else { return }
        buffer.span.withUnsafeBufferPointer { output.append(contentsOf: $0[..<count]) }
        count = 0
    }

    /// Whether `value` holds more than `count` characters other than white space.
    private static func characterCount(_ value: UnsafeRawBufferPointer, moreThan count: Int) -> Bool {
        var seen = 0
        for byte in value where byte != 0x20 && byte != 0x09 && byte & 0xC0 != 0x80 {
            seen += 1
            if seen > count { return true }
        }
        return false
    }

    /// The offset of the `keepLast`-th character of `keepClass` counted from the end, when
    /// at least one more of the class stands before it; else `value.count` (keep none).
    private func startOfKeptTail(_ value: UnsafeRawBufferPointer) -> Int {
        var found = 0
        var index = value.count
        while index > 0 {
            index -= 1
            let byte = value[index]
            if byte & 0xC0 == 0x80 { continue }
            if counts(byte) {
                found += 1
                if found == keepLast {
                    // Kept only when something of the class is left to mask before it: a
                    // value never comes out whole.
                    let start = index
                    while index > 0 {
                        index -= 1
                        if counts(value[index]) && value[index] & 0xC0 != 0x80 { return start }
                    }
                    return value.count
                }
            }
        }
        return value.count
    }

    @inline(__always)
    private func counts(_ byte: UInt8) -> Bool {
        switch keepClass {
        case .digit: return byte &- 0x30 < 10
        case .alnum: return byte &- 0x30 < 10 || (byte | 0x20) &- 0x61 < 26
        case .any: return byte != 0x20 && byte != 0x09
        }
    }

    /// The length of the UTF-8 character at `index`: its lead byte and the continuation
    /// bytes after it (at most three); 1 for a stray byte.
    @inline(__always)
    static func characterLength(_ value: UnsafeRawBufferPointer, at index: Int) -> Int {
        let lead = value[index]
        let expected = lead < 0xC0 ? 0 : lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : lead < 0xF8 ? 3 : 0
        var length = 1
        while length <= expected, index + length < value.count,
              value[index + length] & 0xC0 == 0x80 {
            length += 1
        }
        return length
    }
}
