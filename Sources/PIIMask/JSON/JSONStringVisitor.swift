/// What a `JSONStringVisitor` decided for one string value.
enum JSONStringEdit {
    /// Keep the string: its original bytes, escapes included, are copied unchanged.
    case keep
    /// Replace the string's content with the bytes the visitor left in `replacement`; the
    /// rewriter writes them as a valid JSON string (see `JSONStringEncoder`).
    case replace
}

/// One string value of a JSON line, as the rewriter hands it to its visitor.
///
/// The buffer is only valid during the visitor call.
struct JSONStringValue {
    /// The string's content, decoded: escapes resolved, surrogate pairs combined, a lone
    /// surrogate escape as its 3-byte WTF-8 form; other bytes (invalid UTF-8 included) as
    /// they are in the line. For a string without escapes this is a slice of the line.
    let bytes: UnsafeRawBufferPointer
    /// Where the string is in the line: from its opening quote to just after its closing
    /// quote (byte offsets), for reports.
    let range: Range<Int>
    /// Whether the string had escapes, so `bytes` differ from the raw content.
    let hadEscapes: Bool
}

/// Receives every string value of a JSON line (object keys are not values and are never
/// passed) and decides whether to replace it.
///
/// The rewriter is generic over its visitor, so calls are specialized and inlined.
protocol JSONStringVisitor {
    /// Called once per string value, in document order.
    ///
    /// - Parameters:
    ///   - string: the decoded content and position of the string.
    ///   - path: the keys and indices leading to it; valid only during this call.
    ///   - replacement: an empty scratch buffer, reused across calls; to replace the string,
    ///     append the new content (raw bytes, not escaped) and return `.replace`.
    /// - Returns: `.keep` to copy the original bytes, `.replace` to write `replacement`.
    mutating func visit(_ string: JSONStringValue, at path: JSONPath, replacement: inout [UInt8]) -> JSONStringEdit

    /// Called once per number value that is a plain integer (digits only: no sign, fraction
    /// or exponent), in document order with the strings. To replace the number by a string,
    /// append the string's content to `replacement` and return `.replace`; the rewriter then
    /// writes it as a JSON string in the number's place. Other numbers are never passed.
    ///
    /// - Parameters:
    ///   - digits: the number's bytes as in the line; valid only during this call.
    ///   - range: where the number is in the line (byte offsets).
    mutating func visitInteger(_ digits: UnsafeRawBufferPointer, range: Range<Int>, at path: JSONPath,
                               replacement: inout [UInt8]) -> JSONStringEdit
}

extension JSONStringVisitor {
    /// Keeps every number (the default).
    @inline(__always)
    mutating func visitInteger(_ digits: UnsafeRawBufferPointer, range: Range<Int>, at path: JSONPath,
                               replacement: inout [UInt8]) -> JSONStringEdit {
        .keep
    }
}
