/// Rewrites the string values of one JSON line in one pass, copying every other byte as it
/// was: key order, whitespace, numbers of any size and precision, `true`/`false`/`null`,
/// and the escapes of strings that stay unchanged.
///
/// A line holds exactly one JSON value (RFC 8259) with optional whitespace around it; a
/// trailing `\r` counts as whitespace. For every string value (object keys excluded) the
/// visitor receives its decoded bytes, its byte range and its path, and either keeps it or
/// gives new content, which is written as a valid JSON string. Numbers that are plain
/// integers go to the visitor too (`visitInteger`): it may replace one by a string (a phone
/// number written as a JSON number); every other number is copied as it was.
///
/// The rewriter also validates: a line that is not exactly one valid JSON value (bad token,
/// trailing garbage, unterminated string, raw control byte in a string, bad escape, bad
/// number) makes `rewrite` return `false`. Invalid UTF-8 inside strings is accepted and
/// handed to the visitor as bytes.
///
/// Parsing uses an explicit stack, never recursion; nesting deeper than `maxDepth` makes
/// `rewrite` return `false` (the caller masks the line as text), so the stack holds at most
/// `maxDepth` frames (40 bytes each) whatever the line. The instance keeps its scratch buffers across
/// lines: strings without escapes are not copied, and in the steady state nothing is
/// allocated per line or per string. Not thread-safe: use one instance per thread.
///
/// Example:
///
///     let rewriter = JSONLineRewriter()
///     var output: [UInt8] = []
///     let ok = line.withUnsafeBytes { rewriter.rewrite($0, into: &output, visitor: &masking) }
///     if !ok { /* not JSON: output is as it was; mask the line as text */ }
///
/// - Complexity: O(*n*) in the length of the line, plus the visitor's work.
final class JSONLineRewriter {
    /// The deepest nesting of objects and arrays parsed as JSON.
    static let maxDepth = 131_072
    /// The open objects and arrays, outermost first.
    private var frames = JSONScratchBuffer<JSONPathFrame>(capacity: 32)
    /// Decoded keys that had escapes, stacked by depth.
    private var keys = JSONScratchBuffer<UInt8>(capacity: 256)
    /// The decoded content of the current string value when it had escapes.
    private var value = JSONScratchBuffer<UInt8>(capacity: 1024)
    /// The visitor's replacement content for the current string value.
    private var replacement: [UInt8] = []

    /// How large (in bytes) each scratch buffer may stay between lines; beyond this, the
    /// memory a huge line needed is given back after it.
    static let retainedScratchBytes = 1 << 20

    /// Creates a rewriter with small scratch buffers (they grow to fit and are kept).
    init() {
        replacement.reserveCapacity(1024)
    }

    /// Frees the scratch buffers.
    deinit {
        frames.deallocate()
        keys.deallocate()
        value.deallocate()
    }

    /// Rewrites `line` (one line without its `\n`) into `output`, asking `visitor` about
    /// every string value.
    ///
    /// - Returns: `true` when the line is one valid JSON value: the rewritten line has then
    ///   been appended to `output`. `false` when it is not: `output` is left exactly as it
    ///   was (anything appended is removed again), and the visitor may already have been
    ///   called for the strings before the error, so the caller discards what it collected
    ///   for this line and falls back to treating it as text.
    func rewrite<Visitor: JSONStringVisitor>(
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
    func scan<Visitor: JSONStringVisitor>(_ line: UnsafeRawBufferPointer, visitor: inout Visitor) -> Bool {
        var unused: [UInt8] = []
        return run(line, output: &unused, emit: false, visitor: &visitor)
    }

    /// Whether `line` is exactly one valid JSON value with optional surrounding whitespace.
    func isValid(_ line: UnsafeRawBufferPointer) -> Bool {
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
    private func run<Visitor: JSONStringVisitor>(
        _ line: UnsafeRawBufferPointer, output: inout [UInt8], emit: Bool, visitor: inout Visitor
    ) -> Bool {
        guard let raw = line.baseAddress, line.count > 0 else { return false }
        let bytes = raw.assumingMemoryBound(to: UInt8.self)
        let end = line.count
        // Work on locals, stored back once per line: the hot loop sees no class properties
        // (no dynamic exclusivity checks) and no closures capturing mutable state.
        var frames = self.frames
        var keys = self.keys
        var value = self.value
        var replacement = self.replacement
        self.replacement = []
        frames.count = 0
        keys.count = 0
        defer {
            // Keep the scratch for the next line, unless this one made it unusually large.
            frames.reset(shrinkingAbove: Self.retainedScratchBytes / MemoryLayout<JSONPathFrame>.stride, to: 32)
            keys.reset(shrinkingAbove: Self.retainedScratchBytes, to: 256)
            value.reset(shrinkingAbove: Self.retainedScratchBytes, to: 1024)
            if replacement.capacity > Self.retainedScratchBytes {
                replacement = []
                replacement.reserveCapacity(1024)
            }
            self.frames = frames
            self.keys = keys
            self.value = value
            self.replacement = replacement
        }

        var position = Self.skipWhitespace(bytes, from: 0, end: end)
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
                let content: UnsafeRawBufferPointer
                let hadEscapes = bytes[special] != JSONBytes.quote
                if hadEscapes {
                    guard bytes[special] == JSONBytes.backslash else { return false }
                    value.count = 0
                    value.append(bytes + contentStart, count: special &- contentStart)
                    guard let close = JSONStringDecoder.decode(bytes, from: special, end: end,
                                                               appendingTo: &value) else { return false }
                    position = close
                    content = value.bytes
                } else {
                    // No escapes: the content is handed over as a slice of the line.
                    position = special &+ 1
                    content = UnsafeRawBufferPointer(start: bytes + contentStart, count: special &- contentStart)
                }
                if !replacement.isEmpty {
                    replacement.removeAll(keepingCapacity: true)
                }
                let path = JSONPath(frames: UnsafeBufferPointer(start: frames.base, count: frames.count),
                                    line: raw, keys: UnsafeRawPointer(keys.base))
                let edit = visitor.visit(JSONStringValue(bytes: content, range: start..<position, hadEscapes: hadEscapes),
                                         at: path, replacement: &replacement)
                if emit && edit == .replace {
                    if start > flushed {
                        output.append(contentsOf: UnsafeBufferPointer(start: bytes + flushed, count: start &- flushed))
                    }
                    replacement.withUnsafeBytes { JSONStringEncoder.appendQuoted($0, to: &output) }
                    flushed = position
                }
            case 0x7B:  // '{'
                position = Self.skipWhitespace(bytes, from: position &+ 1, end: end)
                if position < end && bytes[position] == 0x7D {  // '}'
                    position &+= 1
                } else {
                    guard frames.count < Self.maxDepth else { return false }
                    frames.append(.object(scratchMark: keys.count))
                    guard let valueStart = Self.parseKey(bytes, at: position, end: end, frames: &frames, keys: &keys)
                    else { return false }
                    position = valueStart
                    continue parsing
                }
            case 0x5B:  // '['
                position = Self.skipWhitespace(bytes, from: position &+ 1, end: end)
                if position < end && bytes[position] == 0x5D {  // ']'
                    position &+= 1
                } else {
                    guard frames.count < Self.maxDepth else { return false }
                    frames.append(.array(scratchMark: keys.count))
                    continue parsing
                }
            case 0x74:  // 't'
                guard Self.matches("true", bytes, at: position, end: end) else { return false }
                position &+= 4
            case 0x66:  // 'f'
                guard Self.matches("false", bytes, at: position, end: end) else { return false }
                position &+= 5
            case 0x6E:  // 'n'
                guard Self.matches("null", bytes, at: position, end: end) else { return false }
                position &+= 4
            case 0x2D, 0x30...0x39:  // '-', digit
                guard let after = Self.numberEnd(bytes, from: position, end: end) else { return false }
                let start = position
                position = after
                // A plain integer may be a value the visitor masks (a phone or card as a number).
                if Self.isInteger(bytes, from: start, to: after) {
                    if !replacement.isEmpty {
                        replacement.removeAll(keepingCapacity: true)
                    }
                    let path = JSONPath(frames: UnsafeBufferPointer(start: frames.base, count: frames.count),
                                        line: raw, keys: UnsafeRawPointer(keys.base))
                    let digits = UnsafeRawBufferPointer(start: bytes + start, count: after &- start)
                    let edit = visitor.visitInteger(digits, range: start..<after, at: path, replacement: &replacement)
                    if emit && edit == .replace {
                        if start > flushed {
                            output.append(contentsOf: UnsafeBufferPointer(start: bytes + flushed, count: start &- flushed))
                        }
                        replacement.withUnsafeBytes { JSONStringEncoder.appendQuoted($0, to: &output) }
                        flushed = after
                    }
                }
            default:
                return false
            }

            // A value ended: close levels until a ',' opens the next value, or the top ends.
            while true {
                position = Self.skipWhitespace(bytes, from: position, end: end)
                guard frames.count > 0 else { break parsing }
                guard position < end else { return false }
                let top = frames.base + (frames.count &- 1)
                let byte = bytes[position]
                if byte == 0x2C {  // ','
                    position = Self.skipWhitespace(bytes, from: position &+ 1, end: end)
                    if top.pointee.isObject {
                        guard let valueStart = Self.parseKey(bytes, at: position, end: end, frames: &frames, keys: &keys)
                        else { return false }
                        position = valueStart
                    } else {
                        top.pointee.index &+= 1
                    }
                    continue parsing
                }
                guard byte == (top.pointee.isObject ? 0x7D : 0x5D) else { return false }  // '}' or ']'
                position &+= 1
                keys.count = top.pointee.scratchMark
                frames.count &-= 1
            }
        }
        guard position == end else { return false }
        if emit && end > flushed {
            output.append(contentsOf: UnsafeBufferPointer(start: bytes + flushed, count: end &- flushed))
        }
        return true
    }

    /// The first non-whitespace position at or after `start`.
    @inline(__always)
    private static func skipWhitespace(_ bytes: UnsafePointer<UInt8>, from start: Int, end: Int) -> Int {
        var index = start
        while index < end && JSONBytes.isWhitespace(bytes[index]) {
            index &+= 1
        }
        return index
    }

    /// Parses the key at `position` into the innermost frame (a key without escapes stays
    /// in the line; one with escapes is decoded onto `keys`), then the `:` after it.
    ///
    /// - Returns: the position of the member's value (whitespace skipped), or nil when the
    ///   key or the `:` is not there or not valid.
    @inline(__always)
    private static func parseKey(_ bytes: UnsafePointer<UInt8>, at position: Int, end: Int,
                                 frames: inout JSONScratchBuffer<JSONPathFrame>,
                                 keys: inout JSONScratchBuffer<UInt8>) -> Int? {
        guard position < end, bytes[position] == JSONBytes.quote else { return nil }
        let contentStart = position &+ 1
        let special = JSONBytes.firstStringSpecial(bytes, from: contentStart, to: end)
        guard special < end else { return nil }
        var after: Int
        let top = frames.base + (frames.count &- 1)
        if bytes[special] == JSONBytes.quote {
            top.pointee.keyInLine = true
            top.pointee.keyStart = contentStart
            top.pointee.keyCount = special &- contentStart
            after = special &+ 1
        } else {
            let mark = top.pointee.scratchMark
            keys.count = mark
            keys.append(bytes + contentStart, count: special &- contentStart)
            guard let close = JSONStringDecoder.decode(bytes, from: special, end: end, appendingTo: &keys)
            else { return nil }
            // `keys` may have moved while growing; `top` points into `frames`, which did not.
            top.pointee.keyInLine = false
            top.pointee.keyStart = mark
            top.pointee.keyCount = keys.count &- mark
            after = close
        }
        after = skipWhitespace(bytes, from: after, end: end)
        guard after < end, bytes[after] == 0x3A else { return nil }  // ':'
        return skipWhitespace(bytes, from: after &+ 1, end: end)
    }

    /// Whether `bytes[start..<end]`, a valid number, is digits only (no fraction or exponent).
    @inline(__always)
    private static func isInteger(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var index = start
        while index < end {
            guard JSONBytes.isDigit(bytes[index]) else { return false }
            index &+= 1
        }
        return true
    }

    /// Whether the literal `word` (`true`, `false`, `null`) is at `position`.
    @inline(__always)
    private static func matches(_ word: StaticString, _ bytes: UnsafePointer<UInt8>, at position: Int, end: Int) -> Bool {
        let count = word.utf8CodeUnitCount
        guard position &+ count <= end else { return false }
        let expected = word.utf8Start
        for offset in 0..<count where bytes[position &+ offset] != expected[offset] {
            return false
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
