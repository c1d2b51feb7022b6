import Glibc
import Hummingbird
import PIIMask

/// `POST /v1/events`: an NDJSON body of chat events, masked line by line and streamed back
/// as it arrives — the same byte-preserving rewrite and field map as `piimask --format
/// ndjson`, conversations followed within the request and across requests (the server's
/// one `ConversationEventMasker`). Only one line is held at a time; a line that is not valid
/// JSON is masked as text (fail closed).
///
/// The response has begun (200) before the body is read, so a problem found later — a line
/// longer than `--max-body`, the request timeout — ends the stream early: every line before
/// it is complete, nothing of the offending line is written.
enum EventRoutes {
    static func add<Context: RequestContext>(to router: Router<Context>, state: ServerState) {
        router.post("/v1/events") { request, _ -> Response in
            let masker = state.masker.current
            let body = ResponseBody { writer in
                var processor = EventStreamProcessor(masker: masker, conversations: state.conversations,
                                                     maxLine: state.configuration.maxBodyBytes)
                let deadline = ContinuousClock.now + state.configuration.requestTimeout
                for try await chunk in request.body {
                    guard ContinuousClock.now < deadline else { throw APIError.requestTimeout }
                    let bytesIn = chunk.readableBytes
                    let complete = chunk.withUnsafeReadableBytes { processor.process($0) }
                    try await flush(&processor, bytesIn: bytesIn, to: &writer, state: state)
                    guard complete else { throw APIError.lineTooLong }
                }
                processor.finish()
                try await flush(&processor, bytesIn: 0, to: &writer, state: state)
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "application/x-ndjson"], body: body)
        }
    }

    /// Writes what the processor produced and records its counts.
    private static func flush(_ processor: inout EventStreamProcessor, bytesIn: Int,
                              to writer: inout any ResponseBodyWriter, state: ServerState) async throws {
        let (output, counters, invalid) = processor.take()
        state.metrics.record(counters)
        state.metrics.recordInvalidJSON(invalid)
        state.metrics.recordBytes(in: bytesIn, out: output.count)
        if let conversations = state.conversations { state.conversationMetrics.record(totals: conversations.counters) }
        if !output.isEmpty { try await writer.write(ByteBuffer(bytes: output)) }
    }
}

/// Splits a byte stream into NDJSON lines and masks each complete line as one chat event.
/// Holds at most one partial line (up to `maxLine` bytes).
struct EventStreamProcessor {
    private let masker: Masker
    private let conversations: ConversationEventMasker?
    private let maxLine: Int
    /// The start of a line whose newline has not arrived yet.
    private var partial: [UInt8] = []
    private var output: [UInt8] = []
    private var counters = MaskCounters()
    private var invalidLines = 0

    /// With `conversations`, each line's chat text is masked with its conversation's
    /// earlier text in view.
    init(masker: Masker, conversations: ConversationEventMasker? = nil, maxLine: Int) {
        self.masker = masker
        self.conversations = conversations
        self.maxLine = maxLine
    }

    /// Masks every line completed by `chunk`; keeps the rest for the next chunk.
    ///
    /// - Returns: false when a line grew past `maxLine`: the lines before it are in the
    ///   output, nothing of it is, and the stream must end.
    mutating func process(_ chunk: UnsafeRawBufferPointer) -> Bool {
        var start = 0
        while start < chunk.count, let found = memchr(chunk.baseAddress! + start, 0x0A, chunk.count - start) {
            let newline = chunk.baseAddress!.distance(to: UnsafeRawPointer(found))
            if partial.isEmpty {
                guard newline - start <= maxLine else { return false }
                maskLine(UnsafeRawBufferPointer(rebasing: chunk[start..<newline]))
            } else {
                guard partial.count + newline - start <= maxLine else { return false }
                partial.append(contentsOf: chunk[start..<newline])
                var line: [UInt8] = []
                swap(&line, &partial)
                line.withUnsafeBytes { maskLine($0) }
                line.removeAll(keepingCapacity: true)
                swap(&line, &partial)
            }
            output.append(UInt8(ascii: "\n"))
            start = newline + 1
        }
        if start < chunk.count {
            guard partial.count + chunk.count - start <= maxLine else { return false }
            partial.append(contentsOf: chunk[start...])
        }
        return true
    }

    /// Masks a last line that had no newline.
    mutating func finish() {
        guard !partial.isEmpty else { return }
        let line = partial
        partial.removeAll()
        line.withUnsafeBytes { maskLine($0) }
    }

    /// The output so far and its counts; clears them.
    mutating func take() -> (output: [UInt8], counters: MaskCounters, invalidLines: Int) {
        defer {
            output.removeAll(keepingCapacity: true)
            counters = MaskCounters()
            invalidLines = 0
        }
        return (output, counters, invalidLines)
    }

    private mutating func maskLine(_ line: UnsafeRawBufferPointer) {
        let result = conversations?.maskEvent(utf8: line, masker: masker, appendingTo: &output)
            ?? masker.maskEvent(utf8: line, appendingTo: &output)
        counters.add(result.counters)
        if !result.isValidJSON { invalidLines += 1 }
    }
}

extension APIError {
    /// A line of `/v1/events` is longer than `--max-body`.
    static let lineTooLong = APIError(.contentTooLarge, code: "line_too_long", message: "an NDJSON line is longer than the server's --max-body")
}
