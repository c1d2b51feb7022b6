import Foundation
import Testing
@testable import PIIMask

@Suite struct StreamFilterTextTests {
    static let masker = try! Masker()

    static let input: [UInt8] = {
        var text = ""
        for index in 0..<300 {
            text += "line \(index): bel +447966197542 of mail melissa@gmail.com\r\n"
            text += "no digits here at all\n"
            text += "\n"
        }
        return Array(text.utf8) + [0xFF, 0xFE] + Array(" last 06-12345678 without newline".utf8)
    }()

    static let expected: [UInt8] = {
        var text = ""
        for index in 0..<300 {
            text += "line \(index): bel *********7542 of mail m******@gmail.com\r\n"
            text += "no digits here at all\n"
            text += "\n"
        }
        return Array(text.utf8) + [0xFF, 0xFE] + Array(" last *******5678 without newline".utf8)
    }()

    @Test(arguments: [1, 2, 7, 65_536])
    func sameOutputAtEveryChunkSize(chunk: Int) throws {
        let result = try StreamRunner.filter(Self.masker, Self.input, chunk: chunk)
        #expect(result.output == Self.expected)
        #expect(result.stats.lines == 901)
        #expect(result.stats.bytesIn == Self.input.count)
        #expect(result.stats.bytesOut == Self.expected.count)
        #expect(result.stats.counters.findingsByType == ["phone": 301, "email": 300])
    }

    @Test func lineLongerThanTheBufferIsMaskedWhole() throws {
        let long = String(repeating: "word ", count: 2_000) + "+447966197542" + String(repeating: " x", count: 500)
        let result = try StreamRunner.filter(Self.masker, Array((long + "\nnext 06-12345678\n").utf8), chunk: 4_096, blockSize: 1_024)
        let expected = String(repeating: "word ", count: 2_000) + "*********7542" + String(repeating: " x", count: 500)
        #expect(result.output == Array((expected + "\nnext *******5678\n").utf8))
    }

    /// Blocks above the parallel threshold are cut at line ends and masked on several
    /// threads; the output is the same, in order.
    @Test(arguments: [2, 3, 7])
    func severalThreadsGiveTheSameOutput(threads: Int) throws {
        var input: [UInt8] = []
        var expected: [UInt8] = []
        while input.count < 3 * ParallelBlockMasker.parallelThreshold {
            input += Self.input + [0x0A]
            expected += Self.expected + [0x0A]
        }
        let result = try StreamRunner.filter(Self.masker, input, chunk: 1 << 20, threads: threads)
        #expect(result.output == expected)
        #expect(result.stats.lines == expected.filter { $0 == 0x0A }.count)
    }

    @Test func emptyInputGivesEmptyOutput() throws {
        let result = try StreamRunner.filter(Self.masker, [], chunk: 1)
        #expect(result.output.isEmpty)
        #expect(result.stats.lines == 0)
    }
}
