import Hummingbird
import Synchronization

extension Response {
    /// Calls `completion` once the response is complete, with its body size in bytes: at
    /// once for a body of known length (kept as it is, so the server writes it in one go),
    /// after the last byte (or a write error) for a streamed body.
    mutating func onCompletion(_ completion: @escaping @Sendable (_ bytes: Int) -> Void) {
        if let length = body.contentLength {
            completion(length)
            return
        }
        let body = self.body
        self.body = ResponseBody { writer in
            let count = ByteCount()
            do {
                try await body.write(ByteCountingWriter(base: writer, count: count))
                completion(count.value.load(ordering: .relaxed))
            } catch {
                completion(count.value.load(ordering: .relaxed))
                throw error
            }
        }
    }
}

/// Bytes written so far, shared between a writer and whoever waits for it.
private final class ByteCount: Sendable {
    let value = Atomic<Int>(0)
}

/// A body writer that counts the bytes passed through it.
private struct ByteCountingWriter: ResponseBodyWriter {
    var base: any ResponseBodyWriter
    let count: ByteCount

    mutating func write(_ buffer: ByteBuffer) async throws {
        count.value.add(buffer.readableBytes, ordering: .relaxed)
        try await base.write(buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await base.finish(trailingHeaders)
    }
}
