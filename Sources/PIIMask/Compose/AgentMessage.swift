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
        guard let text = message["text"] as? String else {
            self = .invalid
            return
        }
        self = .text(text)
    }
}
