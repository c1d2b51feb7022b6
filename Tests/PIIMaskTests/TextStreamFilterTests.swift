import Foundation
import Testing
@testable import PIIMask

@Suite struct TextStreamFilterTests {
    static let masker = try! Masker()

    /// Runs the filter with `input` written into a pipe in chunks of `chunk` bytes.
    private func filter(_ input: [UInt8], chunk: Int, blockSize: Int = 1 << 20,
                        threads: Int = 1) throws -> (output: [UInt8], stats: StreamStats) {
        let inPipe = Pipe()
        let outPipe = Pipe()
        let writer = Thread {
            let handle = inPipe.fileHandleForWriting
            var offset = 0
            while offset < input.count {
                let end = min(offset + chunk, input.count)
                handle.write(Data(input[offset..<end]))
                offset = end
            }
            try? handle.close()
        }
        writer.start()
        let collected = Collected()
        let done = DispatchSemaphore(value: 0)
        let reader = Thread {
            collected.data = outPipe.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
        reader.start()
        let stats = try TextStreamFilter(masker: Self.masker, policy: Self.masker.defaultPolicy,
                                         threads: threads, blockSize: blockSize)
            .run(input: inPipe.fileHandleForReading.fileDescriptor, output: outPipe.fileHandleForWriting.fileDescriptor)
        try outPipe.fileHandleForWriting.close()
        done.wait()
        return ([UInt8](collected.data), stats)
    }

    /// The reader thread's result, read after it signalled.
    private final class Collected: @unchecked Sendable {
        var data = Data()
    }

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
        let result = try filter(Self.input, chunk: chunk)
        #expect(result.output == Self.expected)
        #expect(result.stats.lines == 901)
        #expect(result.stats.bytesIn == Self.input.count)
        #expect(result.stats.bytesOut == Self.expected.count)
        #expect(result.stats.counters.findingsByType == ["phone": 301, "email": 300])
    }

    @Test func lineLongerThanTheBufferIsMaskedWhole() throws {
        let long = String(repeating: "word ", count: 2_000) + "+447966197542" + String(repeating: " x", count: 500)
        let result = try filter(Array((long + "\nnext 06-12345678\n").utf8), chunk: 4_096, blockSize: 1_024)
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
        let result = try filter(input, chunk: 1 << 20, threads: threads)
        #expect(result.output == expected)
        #expect(result.stats.lines == expected.filter { $0 == 0x0A }.count)
    }

    @Test func emptyInputGivesEmptyOutput() throws {
        let result = try filter([], chunk: 1)
        #expect(result.output.isEmpty)
        #expect(result.stats.lines == 0)
    }
}
