import Foundation
import Glibc

/// Reads labeled corpora: JSON lines, one `LabeledRecord` per line, in the format of
/// `fixtures/labeled/README.md`:
///
/// ```json
/// {"text":"Bel me op 06-12345678","pii":[{"type":"phone","start":10,"end":21}],"negatives":[]}
/// ```
///
/// Lines holding only white space are skipped; a `\r` before the `\n` is ignored. Keys other
/// than `text`, `pii` and `negatives` are ignored, and `negatives` may be left out. A span
/// may carry a `family` (its format family); corpora without one still read. Every
/// span must lie within the text's UTF-8 bytes, with `start <= end`.
///
/// Not the hot path: the whole file is read into memory and each line goes through
/// `JSONDecoder`.
public enum LabeledCorpus {
    /// Reads and parses the corpus file at `path`.
    ///
    /// - Throws: `LabeledCorpusError` naming the file (and the line, for a malformed one);
    ///   its message never quotes the file's content.
    /// - Complexity: O(n) in the size of the file.
    public static func read(path: String) throws(LabeledCorpusError) -> [LabeledRecord] {
        try parse(readBytes(path: path), file: path)
    }

    /// Parses corpus data; `file` names it in errors.
    ///
    /// - Throws: `LabeledCorpusError` naming `file` and the line of the first malformed record.
    /// - Complexity: O(n) in the size of `data`.
    public static func parse(_ data: some Collection<UInt8>, file: String) throws(LabeledCorpusError) -> [LabeledRecord] {
        let bytes = Array(data)
        let decoder = JSONDecoder()
        var records: [LabeledRecord] = []
        var lineNumber = 0
        var lineStart = 0
        while lineStart < bytes.count {
            lineNumber += 1
            let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            var lineEnd = newline
            if lineEnd > lineStart && bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            let line = bytes[lineStart..<lineEnd]
            lineStart = newline + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            records.append(try parseLine(line, number: lineNumber, file: file, decoder: decoder))
        }
        return records
    }

    /// Decodes and checks one line.
    static func parseLine(_ line: ArraySlice<UInt8>, number: Int, file: String,
                          decoder: JSONDecoder) throws(LabeledCorpusError) -> LabeledRecord {
        func failure(_ problem: String) -> LabeledCorpusError {
            LabeledCorpusError(file: file, line: number, problem: problem)
        }
        let wire: WireRecord
        do {
            wire = try decoder.decode(WireRecord.self, from: Data(line))
        } catch let error as DecodingError {
            var problem = describe(error)
            if problem == Self.notJSON, (try? JSONSerialization.jsonObject(with: Data(line))) != nil {
                // Valid JSON that JSONDecoder rejects without a path: a number that is no Int.
                problem = "a value has the wrong type (offsets must be integers)"
            }
            throw failure(problem)
        } catch {
            throw failure("not a valid JSON object")
        }
        let length = wire.text.utf8.count
        func range(_ start: Int, _ end: Int, at path: String) throws(LabeledCorpusError) -> Range<Int> {
            guard start >= 0, start <= end else {
                throw failure("\(path): start \(start) and end \(end) do not form a range")
            }
            guard end <= length else {
                throw failure("\(path): end \(end) is past the end of the text (\(length) bytes)")
            }
            return start..<end
        }
        var pii: [LabeledRecord.Span] = []
        for (index, span) in wire.pii.enumerated() {
            pii.append(.init(type: span.type, range: try range(span.start, span.end, at: "pii[\(index)]"),
                             family: span.family))
        }
        var negatives: [LabeledRecord.Negative] = []
        for (index, span) in (wire.negatives ?? []).enumerated() {
            negatives.append(.init(kind: span.kind, range: try range(span.start, span.end, at: "negatives[\(index)]"),
                                   family: span.family))
        }
        return LabeledRecord(text: wire.text, pii: pii, negatives: negatives, line: number)
    }

    /// The problem of a line that is not JSON.
    static let notJSON = "not valid JSON"

    /// A decoding error in words that name keys and types, never values.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            var text = ""
            for key in context.codingPath {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
            return text
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context)
            return at.isEmpty ? "missing key '\(key.stringValue)'" : "\(at): missing key '\(key.stringValue)'"
        case .typeMismatch(let type, let context):
            let at = path(context)
            let expected = type == String.self ? "a string" : type == Int.self ? "an integer"
                : "\(type)".hasPrefix("Array") ? "an array" : "an object"
            return at.isEmpty ? "not a JSON object" : "\(at): expected \(expected)"
        case .valueNotFound(_, let context):
            let at = path(context)
            return at.isEmpty ? "not a JSON object" : "\(at): is null"
        case .dataCorrupted(let context):
            let at = path(context)
            return at.isEmpty ? notJSON : "\(at): invalid value"
        @unknown default:
            return "not a valid record"
        }
    }

    /// The file's bytes.
    static func readBytes(path: String) throws(LabeledCorpusError) -> [UInt8] {
        func failure(_ code: Int32) -> LabeledCorpusError {
            LabeledCorpusError(file: path, problem: "cannot read: \(String(cString: strerror(code)))")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(errno) }
        defer { close(descriptor) }
        let input = FileInput(descriptor: descriptor)
        var bytes: [UInt8] = []
        let chunk = 1 << 16
        while true {
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            let result = bytes.withUnsafeMutableBytes { buffer in
                Result { () throws(StreamError) in try input.read(into: buffer.baseAddress! + start, count: chunk) }
            }
            let count: Int
            switch result {
            case .success(let read): count = read
            case .failure(let error): throw failure(error.code)
            }
            bytes.removeLast(chunk - count)
            if count == 0 { return bytes }
        }
    }

    /// One line as it is in the file.
    struct WireRecord: Decodable {
        var text: String
        var pii: [WireSpan]
        var negatives: [WireNegative]?
    }

    /// A `pii` entry as it is in the file.
    struct WireSpan: Decodable {
        var type: String
        var start: Int
        var end: Int
        var family: String?
    }

    /// A `negatives` entry as it is in the file.
    struct WireNegative: Decodable {
        var kind: String
        var start: Int
        var end: Int
        var family: String?
    }
}
