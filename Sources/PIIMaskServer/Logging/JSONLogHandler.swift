import Foundation
import Logging
import Synchronization

/// A swift-log handler that writes one JSON object per line to standard error:
/// `{"bytes":41,"label":"piimask","level":"info","message":"request","method":"POST",…,"status":200,"ts":"…","us":83}`.
///
/// A metadata value logged as a number (`.stringConvertible(200)`) is written as a JSON
/// number; every other value as a string. `piimask serve --log-format json` selects it.
public struct JSONLogHandler: LogHandler {
    /// The logger's label.
    public let label: String
    /// Level below which messages are dropped.
    public var logLevel: Logger.Level = .info
    /// Metadata added to every message of this logger.
    public var metadata: Logger.Metadata = [:]

    private static let output = Mutex<Void>(())

    /// A handler for `label`.
    public init(label: String) {
        self.label = label
    }

    /// Metadata of this logger by key.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes the message as one JSON line (keys sorted; numbers as numbers, other
    /// metadata values as strings).
    public func log(event: LogEvent) {
        var fields: [String: Field] = [:]
        for (key, value) in metadata { fields[key] = Field(value) }
        for (key, value) in event.metadata ?? [:] { fields[key] = Field(value) }
        fields["ts"] = .text(Date().formatted(.iso8601))
        fields["level"] = .text(event.level.rawValue)
        fields["label"] = .text(label)
        fields["message"] = .text(event.message.description)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var line = try? encoder.encode(fields) else { return }
        line.append(UInt8(ascii: "\n"))
        Self.output.withLock { _ in
            FileHandle.standardError.write(line)
        }
    }

    /// One value of a log line.
    private enum Field: Encodable {
        case text(String)
        case integer(Int64)
        case unsigned(UInt64)
        case real(Double)

        init(_ value: Logger.Metadata.Value) {
            switch value {
            case .stringConvertible(let number as any BinaryInteger):
                if let signed = Int64(exactly: number) {
                    self = .integer(signed)
                } else if let unsigned = UInt64(exactly: number) {
                    self = .unsigned(unsigned)
                } else {
                    self = .text(value.description)
                }
            case .stringConvertible(let number as Double) where number.isFinite:
                self = .real(number)
            default:
                self = .text(value.description)
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .integer(let number): try container.encode(number)
            case .unsigned(let number): try container.encode(number)
            case .real(let number): try container.encode(number)
            }
        }
    }
}
