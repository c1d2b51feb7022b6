import Foundation
@testable import PIIMask

/// What a test visitor saw of one string value.
struct JSONSeenString: Equatable, CustomStringConvertible {
    /// The path, written as a field-map pattern.
    var path: String
    /// The decoded bytes.
    var bytes: [UInt8]
    /// The range of the string token in the line.
    var range: Range<Int>

    /// Path, decoded text and range, for failure messages.
    var description: String { "\(path)=\(String(decoding: bytes, as: UTF8.self))@\(range)" }
}

/// A visitor that records every string and edits it with a closure.
struct JSONRecordingVisitor: JSONStringVisitor {
    /// Returns the replacement content, or nil to keep the string.
    var edit: ([UInt8], JSONPath) -> [UInt8]?
    /// Every string seen, in order.
    var seen: [JSONSeenString] = []

    /// A visitor that records and keeps everything.
    init() { edit = { _, _ in nil } }

    /// A visitor that records and edits with `edit`.
    init(edit: @escaping ([UInt8], JSONPath) -> [UInt8]?) { self.edit = edit }

    /// Records the string and applies `edit`.
    mutating func visit(_ string: JSONStringValue, at path: JSONPath, replacement: inout [UInt8]) -> JSONStringEdit {
        let bytes = Array(string.bytes)
        seen.append(JSONSeenString(path: path.description, bytes: bytes, range: string.range))
        guard let new = edit(bytes, path) else { return .keep }
        replacement.append(contentsOf: new)
        return .replace
    }
}

/// The result of one rewrite in a test.
struct JSONRewriteResult {
    /// Whether the line was valid JSON.
    var ok: Bool
    /// The output (without any prefix the test put there).
    var output: [UInt8]
    /// What the visitor saw.
    var seen: [JSONSeenString]

    /// The output as text.
    var text: String { String(decoding: output, as: UTF8.self) }
}

/// Runs a rewriter over `line` with a recording visitor.
func jsonRewrite(_ line: [UInt8], rewriter: JSONLineRewriter,
                 edit: @escaping ([UInt8], JSONPath) -> [UInt8]? = { _, _ in nil }) -> JSONRewriteResult {
    var visitor = JSONRecordingVisitor(edit: edit)
    var output: [UInt8] = []
    let ok = line.withUnsafeBytes { rewriter.rewrite($0, into: &output, visitor: &visitor) }
    return JSONRewriteResult(ok: ok, output: output, seen: visitor.seen)
}

/// Runs a fresh rewriter over `line` with a recording visitor.
func jsonRewrite(_ line: [UInt8], edit: @escaping ([UInt8], JSONPath) -> [UInt8]? = { _, _ in nil }) -> JSONRewriteResult {
    let rewriter = JSONLineRewriter()
    return jsonRewrite(line, rewriter: rewriter, edit: edit)
}

/// Runs a fresh rewriter over the UTF-8 of `line`.
func jsonRewrite(_ line: String, edit: @escaping ([UInt8], JSONPath) -> [UInt8]? = { _, _ in nil }) -> JSONRewriteResult {
    jsonRewrite(Array(line.utf8), edit: edit)
}

/// Whether Foundation accepts `bytes` as one JSON value (fragments allowed).
func jsonFoundationParses(_ bytes: [UInt8]) -> Bool {
    (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
}

/// Foundation's parse of `bytes` (fragments allowed), for comparing decoded strings.
func jsonFoundationValue(_ bytes: [UInt8]) -> Any? {
    try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
}

/// A canonical text form of a Foundation JSON value (object keys sorted), for comparing
/// two parses.
func jsonCanonical(_ value: Any) -> String {
    switch value {
    case let object as [String: Any]:
        return "{" + object.keys.sorted().map { "\($0.debugDescription):\(jsonCanonical(object[$0]!))" }.joined(separator: ",") + "}"
    case let array as [Any]:
        return "[" + array.map(jsonCanonical).joined(separator: ",") + "]"
    case let string as String:
        return string.debugDescription
    default:
        return "\(value)"
    }
}
