import Foundation
import Testing
@testable import PIIMask

/// JSON numbers that are values (issue 9): a plain integer holding a phone, card, SSN or BSN
/// becomes the string of its masked form; every other number stays byte for byte.
@Suite struct JSONIntegerMaskingTests {
    static let masker = try! Masker()

    private func ndjson(_ text: String, conversations: Bool = false) throws -> String {
        let result = try StreamRunner.filter(Self.masker, Array(text.utf8), chunk: 1 << 16,
                                             format: .ndjson(onInvalid: .fail), threads: 1,
                                             conversations: conversations ? ConversationOptions() : nil)
        #expect(result.error == nil)
        return String(decoding: result.output, as: UTF8.self)
    }

    @Test(arguments: [false, true])
    func integersHoldingValuesBecomeMaskedStrings(conversations: Bool) throws {
        let line = #"{"phone":31612345678,"ssn":123456789,"n":[4111111111111111],"customerPhone" : 612345678,"bsn":111222333}"#
        let expected = #"{"phone":"*******5678","ssn":"*****6789","n":["************1111"],"customerPhone" : "*****5678","bsn":"*****2333"}"#
        #expect(try ndjson(line, conversations: conversations) == expected)
    }

    @Test func otherNumbersStayByteForByte() throws {
        let line = #"{"amount":1234567,"ts":1732870000,"id":98765432,"seq":1,"n":12345678901234567890123,"#
            + #""phone":-31612345678,"card":4111111111111111.0,"ssn":1.23456789e8,"order":612345678,"zero":0,"#
            + #""a":[0, 12, 20261129],"price":1299}"#
        #expect(try ndjson(line) == line)
    }

    @Test func aMaskedIntegerIsCountedAndTheLineStaysValidJSON() throws {
        let line = #"{ "contact" : { "phone" : 31612345678 } , "note":"x" }"#
        let result = try StreamRunner.filter(Self.masker, Array(line.utf8), chunk: 1 << 16, format: .ndjson(onInvalid: .fail))
        #expect(result.stats.counters.maskedValues == 1)
        #expect(result.stats.counters.findingsByType["phone"] == 1)
        let output = Data(result.output)
        #expect((try? JSONSerialization.jsonObject(with: output)) != nil)
        #expect(String(decoding: output, as: UTF8.self) == #"{ "contact" : { "phone" : "*******5678" } , "note":"x" }"#)
    }

    @Test func theRewriterHandsOnlyPlainIntegersToTheVisitor() throws {
        struct Recorder: JSONStringVisitor {
            var integers: [String] = []
            func visit(_ string: JSONStringValue, at path: JSONPath, replacement: inout [UInt8]) -> JSONStringEdit { .keep }
            mutating func visitInteger(_ digits: UnsafeRawBufferPointer, range: Range<Int>, at path: JSONPath,
                                       replacement: inout [UInt8]) -> JSONStringEdit {
                integers.append("\(path.description)=\(String(decoding: digits, as: UTF8.self))@\(range.lowerBound)")
                replacement.append(contentsOf: "x\"y".utf8)
                return .replace
            }
        }
        let line = #"{"a":12,"b":-3,"c":1.5,"d":2e3,"e":[0,7],"f":"9"}"#
        var recorder = Recorder()
        var output: [UInt8] = []
        let ok = Array(line.utf8).withUnsafeBytes { JSONLineRewriter().rewrite($0, into: &output, visitor: &recorder) }
        #expect(ok)
        #expect(recorder.integers == ["a=12@5", "e.0=0@36", "e.1=7@38"])
        #expect(String(decoding: output, as: UTF8.self) == #"{"a":"x\"y","b":-3,"c":1.5,"d":2e3,"e":["x\"y","x\"y"],"f":"9"}"#)
    }

    @Test func scanReportsIntegersHoldingValues() throws {
        let line = #"{"event":"x","phone":31612345678,"ts":1732870000}"# + "\n"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-scan-\(UUID()).ndjson")
        try Data(line.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let descriptor = open(file.path, O_RDONLY)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        var report: [ScanFinding] = []
        _ = try StreamScanner(masker: Self.masker, policy: Self.masker.defaultPolicy, format: .ndjson(onInvalid: .fail))
            .run(input: descriptor) { report.append($0) }
        #expect(report.count == 1)
        #expect(report.first?.type == "phone")
        #expect(report.first?.range == 0..<11)
        #expect(report.first?.valueRange == 21..<32)
        #expect(report.first.map { String(decoding: $0.masked, as: UTF8.self) } == "*******5678")
    }
}
