import Foundation

/// What a chat event (one NDJSON line) is to the composer check: an agent's outgoing
/// message (built-in schema: `"event": "message"` with `message.from` `"agent"`, the text
/// in `message.text`), another event, or not a JSON object at all.
public enum AgentMessage: Sendable, Equatable {
    /// An agent's message, with its text.
    case text(String)
    /// Another event, or a message from someone else: not checked.
    case otherEvent
    /// Not a JSON object: it cannot be checked.
    case invalid

    /// The JSON path of the text that is checked.
    public static let textPath = "message.text"

    /// Reads `line` as a chat event.
    public init(event line: [UInt8]) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else {
            self = .invalid
            return
        }
        guard object["event"] as? String == "message",
              let message = object["message"] as? [String: Any],
              message["from"] as? String == "agent" else {
            self = .otherEvent
            return
        }
        guard message["text"] is String, let text = Self.text(of: line) else {
            self = .invalid
            return
        }
        self = .text(text)
    }

    /// The string at `message.text` decoded by piimask's own JSON reader (the one masking
    /// uses), the last one when the key repeats: Foundation's parser drops a U+FEFF that
    /// starts a string or follows an escape, and the check's byte ranges must refer to the
    /// text exactly as sent.
    private static func text(of line: [UInt8]) -> String? {
        var visitor = TextAtPath()
        let valid = line.withUnsafeBytes { JSONLineRewriter().scan($0, visitor: &visitor) }
        return valid ? visitor.text : nil
    }

    /// Keeps the last string value whose path is `message.text`.
    private struct TextAtPath: JSONStringVisitor {
        var text: String?

        mutating func visit(_ string: JSONStringValue, at path: JSONPath, replacement: inout [UInt8]) -> JSONStringEdit {
            if path.count == 2, case .key(let outer) = path[0], outer.elementsEqual("message".utf8),
               case .key(let inner) = path[1], inner.elementsEqual("text".utf8) {
                text = String(decoding: string.bytes, as: UTF8.self)
            }
            return .keep
        }
    }
}
