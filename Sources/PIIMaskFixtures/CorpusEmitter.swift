/// How a generated corpus is written.
public enum OutputFormat: Sendable {
    /// One JSON object per line: the text and its labeled spans (see `JSONLineEncoder`).
    case jsonLines
    /// Only the message texts, one per line: input for throughput runs.
    case textOnly
    /// Each message wrapped in an NDJSON chat event of the agent desktop's schema, one event
    /// per line, without labels: input for throughput runs of `--format ndjson` (see
    /// `ChatEventEncoder`).
    case events
}

/// When to stop writing a corpus.
public enum OutputLimit: Sendable, Equatable {
    /// After this many lines.
    case lines(Int)
    /// After the first line with which the output reaches this many bytes.
    case bytes(Int)
}

/// What was written.
public struct EmitSummary: Sendable, Equatable {
    /// Lines written.
    public let lines: Int
    /// Bytes written, line breaks included.
    public let bytes: Int
}

/// Generates a corpus and writes it, line by line, until a limit is reached.
public enum CorpusEmitter {
    /// Writes messages of `profile` from `seed` to `writer` in `format` until `limit`, and
    /// flushes the writer. Whatever the format, the messages are the same: line *n* of a
    /// text-only run is the `text` of line *n* of a JSON run, and the text carried by event
    /// *n* of an events run.
    ///
    /// - Parameters:
    ///   - lineBytes: when positive, consecutive messages are joined, a space between, into
    ///     one line (one labeled message, one event) of at least this many bytes: hostile
    ///     long lines. Labels move with their text.
    ///   - progressInterval: bytes between two calls of `progress`.
    ///   - progress: called with the bytes written so far, every `progressInterval` bytes.
    public static func emit(
        profile: Profile, seed: UInt64, limit: OutputLimit, format: OutputFormat,
        to writer: BufferedWriter, lineBytes: Int = 0, progressInterval: Int = 10 << 20,
        progress: ((Int) -> Void)? = nil
    ) throws -> EmitSummary {
        var generator = CorpusGenerator(profile: profile, seed: seed)
        var line: [UInt8] = []
        line.reserveCapacity(1024)
        var lines = 0
        var bytes = 0
        var nextReport = progressInterval
        var events = ChatEventEncoder(seed: seed)
        while !reached(limit, lines: lines, bytes: bytes) {
            let message = nextLine(&generator, lineBytes: lineBytes)
            line.removeAll(keepingCapacity: true)
            switch format {
            case .jsonLines:
                JSONLineEncoder.encode(message, into: &line)
            case .textOnly:
                line.append(contentsOf: message.text.utf8)
                line.append(UInt8(ascii: "\n"))
            case .events:
                events.encode(message, into: &line)
            }
            try writer.write(line)
            lines += 1
            bytes += line.count
            if let progress, bytes >= nextReport {
                progress(bytes)
                nextReport += progressInterval
            }
        }
        try writer.flush()
        return EmitSummary(lines: lines, bytes: bytes)
    }

    /// The next message, or the next messages joined into one of `lineBytes` or more.
    private static func nextLine(_ generator: inout CorpusGenerator, lineBytes: Int) -> LabeledMessage {
        let first = generator.message()
        guard lineBytes > 0, first.text.utf8.count < lineBytes else { return first }
        var builder = MessageBuilder()
        builder.append(first)
        while builder.byteCount < lineBytes {
            builder.separate()
            builder.append(generator.message())
        }
        return builder.build()
    }

    private static func reached(_ limit: OutputLimit, lines: Int, bytes: Int) -> Bool {
        switch limit {
        case .lines(let count): return lines >= count
        case .bytes(let count): return bytes >= count
        }
    }
}
