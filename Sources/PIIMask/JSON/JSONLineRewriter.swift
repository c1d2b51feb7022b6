/// Rewrites the string values of one JSON line in one pass, copying every other byte as it
/// was: key order, whitespace, numbers of any size and precision, `true`/`false`/`null`,
/// and the escapes of strings that stay unchanged.
///
/// A line holds exactly one JSON value (RFC 8259) with optional whitespace around it; a
/// trailing `\r` counts as whitespace. For every string value (object keys excluded) the
/// visitor receives its decoded bytes, its byte range and its path, and either keeps it or
/// gives new content, which is written as a valid JSON string.
///
/// The rewriter also validates: a line that is not exactly one valid JSON value (bad token,
/// trailing garbage, unterminated string, raw control byte in a string, bad escape, bad
/// number) makes `rewrite` return `false`. Invalid UTF-8 inside strings is accepted and
/// handed to the visitor as bytes.
///
/// Parsing uses an explicit stack, never recursion, so nesting depth is bounded only by the
/// line's length (memory grows with depth). The instance keeps its scratch buffers across
/// lines: strings without escapes are not copied, and in the steady state nothing is
/// allocated per line or per string. Use one instance per thread.
///
/// Example:
///
///     var rewriter = JSONLineRewriter()
///     var output: [UInt8] = []
///     let ok = line.withUnsafeBytes { rewriter.rewrite($0, into: &output, visitor: &masking) }
///     if !ok { /* not JSON: output is as it was; mask the line as text */ }
///
/// - Complexity: O(*n*) in the length of the line, plus the visitor's work.
struct JSONLineRewriter {
    /// The open objects and arrays, outermost first.
    private var frames: [JSONPathFrame] = []
    /// Decoded keys that had escapes, stacked by depth.
    private var keyScratch: [UInt8] = []
    /// The decoded content of the current string value when it had escapes.
    private var valueScratch: [UInt8] = []
    /// The visitor's replacement content for the current string value.
    private var replacement: [UInt8] = []

    /// Creates a rewriter with empty scratch buffers (they grow to fit and are kept).
    init() {
        frames.reserveCapacity(16)
        keyScratch.reserveCapacity(256)
        valueScratch.reserveCapacity(1024)
        replacement.reserveCapacity(1024)
    }

    /// Rewrites `line` (one line without its `\n`) into `output`, asking `visitor` about
    /// every string value.
    ///
    /// - Returns: `true` when the line is one valid JSON value: the rewritten line has then
    ///   been appended to `output`. `false` when it is not: `output` is left exactly as it
    ///   was (anything appended is removed again), and the visitor may already have been
    ///   called for the strings before the error, so the caller discards what it collected
    ///   for this line and falls back to treating it as text.
    mutating func rewrite<Visitor: JSONStringVisitor>(
        _ line: UnsafeRawBufferPointer, into output: inout [UInt8], visitor: inout Visitor
    ) -> Bool {
        let mark = output.count
        let ok = run(line, output: &output, emit: true, visitor: &visitor)
        if !ok && output.count > mark {
            output.removeSubrange(mark...)
        }
        return ok
    }

    /// Walks `line` like `rewrite` but writes nothing: for scanning and reporting, where the
    /// visitor looks at each string's bytes, range and path. What the visitor returns is
    /// ignored.
    ///
    /// - Returns: whether the line is one valid JSON value. On `false` the visitor may
    ///   already have seen strings before the error; the caller discards what it collected.
    mutating func scan<Visitor: JSONStringVisitor>(_ line: UnsafeRawBufferPointer, visitor: inout Visitor) -> Bool {
        var unused: [UInt8] = []
        return run(line, output: &unused, emit: false, visitor: &visitor)
    }

    /// Whether `line` is exactly one valid JSON value with optional surrounding whitespace.
    mutating func isValid(_ line: UnsafeRawBufferPointer) -> Bool {
        var visitor = KeepAll()
        return scan(line, visitor: &visitor)
    }

    /// A visitor that keeps every string.
    private struct KeepAll: JSONStringVisitor {
        /// Keeps the string.
        func visit(_ string: JSONStringValue, at path: JSONPath, replacement: inout [UInt8]) -> JSONStringEdit {
            .keep
        }
    }

    /// The single pass: parses, validates, calls the visitor and, when `emit` is set,
    /// appends the rewritten line to `output` (unchanged stretches are copied in blocks
    /// when a changed string or the end is reached).
    private mutating func run<Visitor: JSONStringVisitor>(
        _ line: UnsafeRawBufferPointer, output: inout [UInt8], emit: Bool, visitor: inout Visitor
    ) -> Bool {
        guard let raw = line.baseAddress, line.count > 0 else { return false }
        let bytes = raw.assumingMemoryBound(to: UInt8.self)
        let end = line.count
        // Work on locals (moved out of `self` and back), so the optimizer sees no aliasing.
        var frames = self.frames
        var keyScratch = self.keyScratch
        var valueScratch = self.valueScratch
        var replacement = self.replacement
        self.frames = []
        self.keyScratch = []
        self.valueScratch = []
        self.replacement = []
        defer {
            frames.removeAll(keepingCapacity: true)
            keyScratch.removeAll(keepingCapacity: true)
            self.frames = frames
            self.keyScratch = keyScratch
            self.valueScratch = valueScratch
            self.replacement = replacement
        }

        /// The first non-whitespace position at or after `from`.
        @inline(__always)
        func skipWhitespace(_ from: Int) -> Int {
            var index = from
            while index < end && JSONBytes.isWhitespace(bytes[index]) {
                index &+= 1
            }
            return index
        }

        /// Parses the key at `position` into the innermost frame, then the `:` after it;
        /// returns the position of the member's value (whitespace skipped), or nil.
        @inline(__always)
        func parseKey(_ position: Int) -> Int? {
            guard position < end, bytes[position] == JSONBytes.quote else { return nil }
            let contentStart = position &+ 1
            let special = JSONBytes.firstStringSpecial(bytes, from: contentStart, to: end)
            guard special < end else { return nil }
            var after: Int
            let top = frames.count &- 1
            if bytes[special] == JSONBytes.quote {
                frames[top].keyInLine = true
                frames[top].keyStart = contentStart
                frames[top].keyCount = special &- contentStart
                after = special &+ 1
            } else {
                let mark = frames[top].scratchMark
                if keyScratch.count > mark {
                    keyScratch.removeSubrange(mark...)
                }
                keyScratch.append(contentsOf: UnsafeBufferPointer(start: bytes + contentStart, count: special &- contentStart))
                guard let close = JSONStringDecoder.decode(bytes, from: special, end: end,
                                                           appendingTo: &keyScratch) else { return nil }
                frames[top].keyInLine = false
                frames[top].keyStart = mark
                frames[top].keyCount = keyScratch.count &- mark
                after = close
            }
            after = skipWhitespace(after)
            guard after < end, bytes[after] == 0x3A else { return nil }  // ':'
            return skipWhitespace(after &+ 1)
        }

        /// Whether the literal `word` (`true`, `false`, `null`) is at `position`.
        @inline(__always)
        func matches(_ word: StaticString, at position: Int) -> Bool {
            let count = word.utf8CodeUnitCount
            guard position &+ count <= end else { return false }
            let expected = word.utf8Start
            for offset in 0..<count where bytes[position &+ offset] != expected[offset] {
                return false
            }
            return true
        }

        var position = skipWhitespace(0)
        var flushed = 0
        parsing: while true {
            // A value starts at `position`.
            guard position < end else { return false }
            switch bytes[position] {
            case JSONBytes.quote:
                let start = position
                let contentStart = position &+ 1
                let special = JSONBytes.firstStringSpecial(bytes, from: contentStart, to: end)
                guard special < end else { return false }
                let contentEnd = special
                let hadEscapes = bytes[special] != JSONBytes.quote
                if hadEscapes {
                    guard bytes[special] == JSONBytes.backslash else { return false }
                    valueScratch.removeAll(keepingCapacity: true)
                    valueScratch.append(contentsOf: UnsafeBufferPointer(start: bytes + contentStart, count: special &- contentStart))
                    guard let close = JSONStringDecoder.decode(bytes, from: special, end: end,
                                                               appendingTo: &valueScratch) else { return false }
                    position = close
                } else {
                    position = special &+ 1
                }
                let range = start..<position
                replacement.removeAll(keepingCapacity: true)
                let edit: JSONStringEdit = frames.withUnsafeBufferPointer { frameBuffer in
                    keyScratch.withUnsafeBytes { keyBuffer in
                        let path = JSONPath(frames: frameBuffer, line: raw, keys: keyBuffer.baseAddress)
                        if hadEscapes {
                            return valueScratch.withUnsafeBytes { decoded in
                                visitor.visit(JSONStringValue(bytes: decoded, range: range, hadEscapes: true),
                                              at: path, replacement: &replacement)
                            }
                        }
                        // No escapes: the content is handed over as a slice of the line.
                        let content = UnsafeRawBufferPointer(start: bytes + contentStart, count: contentEnd &- contentStart)
                        return visitor.visit(JSONStringValue(bytes: content, range: range, hadEscapes: false),
                                             at: path, replacement: &replacement)
                    }
                }
                if emit && edit == .replace {
                    if start > flushed {
                        output.append(contentsOf: UnsafeBufferPointer(start: bytes + flushed, count: start &- flushed))
                    }
                    replacement.withUnsafeBytes { JSONStringEncoder.appendQuoted($0, to: &output) }
                    flushed = position
                }
            case 0x7B:  // '{'
                position = skipWhitespace(position &+ 1)
                if position < end && bytes[position] == 0x7D {  // '}'
                    position &+= 1
                } else {
                    frames.append(.object(scratchMark: keyScratch.count))
                    guard let valueStart = parseKey(position) else { return false }
                    position = valueStart
                    continue parsing
                }
            case 0x5B:  // '['
                position = skipWhitespace(position &+ 1)
                if position < end && bytes[position] == 0x5D {  // ']'
                    position &+= 1
                } else {
                    frames.append(.array(scratchMark: keyScratch.count))
                    continue parsing
                }
            case 0x74:  // 't'
                guard matches("true", at: position) else { return false }
                position &+= 4
            case 0x66:  // 'f'
                guard matches("false", at: position) else { return false }
                position &+= 5
            case 0x6E:  // 'n'
                guard matches("null", at: position) else { return false }
                position &+= 4
            case 0x2D, 0x30...0x39:  // '-', digit
                guard let after = Self.numberEnd(bytes, from: position, end: end) else { return false }
                position = after
            default:
                return false
            }

            // A value ended: close levels until a ',' opens the next value, or the top ends.
            while true {
                position = skipWhitespace(position)
                guard let top = frames.last else { break parsing }
                guard position < end else { return false }
                let byte = bytes[position]
                if byte == 0x2C {  // ','
                    position = skipWhitespace(position &+ 1)
                    if top.isObject {
                        guard let valueStart = parseKey(position) else { return false }
                        position = valueStart
                    } else {
                        frames[frames.count &- 1].index &+= 1
                    }
                    continue parsing
                }
                guard byte == (top.isObject ? 0x7D : 0x5D) else { return false }  // '}' or ']'
                position &+= 1
                if keyScratch.count > top.scratchMark {
                    keyScratch.removeSubrange(top.scratchMark...)
                }
                frames.removeLast()
            }
        }
        guard position == end else { return false }
        if emit && end > flushed {
            output.append(contentsOf: UnsafeBufferPointer(start: bytes + flushed, count: end &- flushed))
        }
        return true
    }

    /// The position after the number starting at `bytes[start]` (`-` or a digit), or nil
    /// when it is not an RFC 8259 number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    /// Its digits are not converted: numbers of any size pass through verbatim.
    @inline(__always)
    private static func numberEnd(_ bytes: UnsafePointer<UInt8>, from start: Int, end: Int) -> Int? {
        var index = start
        if bytes[index] == 0x2D {  // '-'
            index &+= 1
        }
        guard index < end else { return nil }
        if bytes[index] == 0x30 {  // a leading '0' stands alone
            index &+= 1
        } else if JSONBytes.isDigit(bytes[index]) {
            index &+= 1
            while index < end && JSONBytes.isDigit(bytes[index]) { index &+= 1 }
        } else {
            return nil
        }
        if index < end && bytes[index] == 0x2E {  // '.'
            index &+= 1
            guard index < end && JSONBytes.isDigit(bytes[index]) else { return nil }
            while index < end && JSONBytes.isDigit(bytes[index]) { index &+= 1 }
        }
        if index < end && (bytes[index] == 0x65 || bytes[index] == 0x45) {  // 'e', 'E'
            index &+= 1
            if index < end && (bytes[index] == 0x2B || bytes[index] == 0x2D) { index &+= 1 }  // '+', '-'
            guard index < end && JSONBytes.isDigit(bytes[index]) else { return nil }
            while index < end && JSONBytes.isDigit(bytes[index]) { index &+= 1 }
        }
        return index
    }
}
