/// Writes a labeled message as one JSON object on one line, keys in the order `text`,
/// `pii`, `negatives`:
///
///     {"text":"Bel me op 06-12345678","pii":[{"type":"phone","start":10,"end":21}],"negatives":[]}
///
/// A span with a format family carries it after its type or kind
/// (`{"type":"card","family":"card.dots","start":…,"end":…}`); spans without one have no
/// `family` key. Offsets are UTF-8 byte offsets into `text`. Non-ASCII text is written as raw UTF-8;
/// quotes, backslashes and control characters are escaped as JSON requires.
public enum JSONLineEncoder {
    /// Appends the JSON line for `message`, newline included, to `output`.
    public static func encode(_ message: LabeledMessage, into output: inout [UInt8]) {
        output.append(contentsOf: #"{"text":""#.utf8)
        appendEscaped(message.text, to: &output)
        output.append(contentsOf: #"","pii":["#.utf8)
        for (index, span) in message.pii.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            appendSpan(key: "type", name: span.type.rawValue, family: span.family, start: span.start, end: span.end, to: &output)
        }
        output.append(contentsOf: #"],"negatives":["#.utf8)
        for (index, span) in message.negatives.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            appendSpan(key: "kind", name: span.kind.rawValue, family: span.family, start: span.start, end: span.end, to: &output)
        }
        output.append(contentsOf: "]}\n".utf8)
    }

    private static func appendSpan(
        key: String, name: String, family: String?, start: Int, end: Int, to output: inout [UInt8]
    ) {
        output.append(contentsOf: "{\"\(key)\":\"\(name)\"".utf8)
        if let family { output.append(contentsOf: ",\"family\":\"\(family)\"".utf8) }
        output.append(contentsOf: ",\"start\":\(start),\"end\":\(end)}".utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends `text` as the inside of a JSON string.
    static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): output.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): output.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): output.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                output.append(contentsOf: #"\u00"#.utf8)
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            default:
                output.append(byte)
            }
        }
    }
}
