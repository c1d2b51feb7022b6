import Foundation
@testable import PIIMask

/// Runs a `StreamFilter` over a pipe, the input written in chunks from another thread, as
/// a process would receive it.
enum StreamRunner {
    /// The result of one run.
    struct Result {
        var output: [UInt8]
        var stats: StreamStats
        var invalidLines: [Int]
        var error: StreamError?
    }

    /// Filters `input`, written into a pipe in chunks of `chunk` bytes.
    static func filter(_ masker: Masker, _ input: [UInt8], chunk: Int, format: StreamFormat = .text,
                       blockSize: Int = 1 << 20, maxLineLength: Int = 16 << 20,
                       threads: Int = 1, conversations: ConversationOptions? = nil) throws -> Result {
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
        var invalid: [Int] = []
        var stats = StreamStats()
        var failure: StreamError?
        do {
            stats = try StreamFilter(masker: masker, policy: masker.defaultPolicy, format: format,
                                     threads: threads, blockSize: blockSize, maxLineLength: maxLineLength, conversations: conversations)
                .run(input: inPipe.fileHandleForReading.fileDescriptor,
                     output: outPipe.fileHandleForWriting.fileDescriptor) { invalid.append($0) }
        } catch {
            failure = error
            // Let the writer finish into a pipe nobody reads any more.
            try? inPipe.fileHandleForReading.close()
        }
        try outPipe.fileHandleForWriting.close()
        done.wait()
        return Result(output: [UInt8](collected.data), stats: stats, invalidLines: invalid, error: failure)
    }

    /// The reader thread's result, read after it signalled.
    private final class Collected: @unchecked Sendable {
        var data = Data()
    }
}
