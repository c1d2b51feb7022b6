import Foundation

/// The inputs of the benchmarks, built once per process.
///
/// The large buffers repeat the message texts of `fixtures/labeled/chat-mix.jsonl` (1,000
/// lines of the generator's `chat` profile: ~10% of lines with PII, ~30% with a digit or `@`)
/// until they reach `targetBytes`. The NDJSON buffer wraps the same texts in chat events of
/// the desktop's schema (`fixtures/chat/conversation.ndjson`).
enum Corpus {
    /// Size of each large buffer.
    static let targetBytes = 8 << 20

    /// A ~200-byte customer message with a card, a phone number and an e-mail address.
    static let messageWithPII = Array(("Hoi, mijn kaart 4111 1111 1111 1111 wordt steeds geweigerd bij het afrekenen in de webshop. "
        + "Kunt u me vandaag terugbellen op 06-12345678 of mailen naar melissa.devries@gmail.com? Alvast bedankt!").utf8)
    /// A ~200-byte message with no digit and no `@`: the prefilter passes it without a search.
    static let plainMessage = Array(("Hi there, I ordered a pair of running shoes last week and they still haven't "
        + "arrived. The tracking page just says that it is being processed. Could you please check what is going on with my parcel?").utf8)
    /// A ~200-byte message full of numbers that are not PII: every rule gets to search it.
    static let messageWithLookalikes = Array(("Hi, order ORD-2024-118734 of 03/06/2024 (EUR 129,95) is late. Tracking "
        + "1Z999AA10123456784, app v15.8.92, room 101, router 10.1.2.3 down since 09:30; ticket #48213377, invoice 2024-00918 paid.").utf8)
    /// A ~200-byte message with issue 8's hostile shapes: a tracking number in groups of
    /// four, a `+` and 17 digits, and two cards and two SSNs in lists (every value after a
    /// digit and a space).
    static let hostileMessage = Array(("pakket 0043 8533 0865 6007 2656 95 staat al sinds 16/01 stil, "
        + "hi +12345678901234567. Kaarten 4111111111111111 5555555555554444, ssn 123-45-6789 078-05-1121, graag vandaag nog checken").utf8)

    /// The texts of the labeled chat set.
    static let texts: [String] = {
        let path = repositoryRoot.appendingPathComponent("fixtures/labeled/chat-mix.jsonl").path
        guard let data = FileManager.default.contents(atPath: path) else {
            fatalError("cannot read \(path)")
        }
        return data.split(separator: UInt8(ascii: "\n")).map { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let text = object["text"] as? String else {
                fatalError("\(path): a line without a text")
            }
            return text
        }
    }()

    /// Chat text: one message per line.
    static let text: [UInt8] = repeated { text, _, output in
        output.append(contentsOf: text.utf8)
        output.append(UInt8(ascii: "\n"))
    }

    /// Where each line of `text` lies, newline excluded.
    static let textLines: [Range<Int>] = {
        var lines: [Range<Int>] = []
        var start = 0
        for (index, byte) in text.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(start..<index)
            start = index + 1
        }
        return lines
    }()

    /// Chat events, one per line: every sixth a `task.offered` with the text as its preview,
    /// the others `message` events.
    static let events: [UInt8] = repeated { text, index, output in
        let conversation = "\"conversation\":\"C-20261124-\(1000 + index / 6)\""
        let ts = "\"ts\":\"2026-11-24T09:\(10 + index % 50):\(10 + index % 47).\(100 + index % 900)Z\""
        if index % 6 == 0 {
            output.append(contentsOf: "{\"event\":\"task.offered\",\(ts),\(conversation),\"task\":{\"id\":\"T-\(88_000 + index)\",\"channel\":\"livechat\",\"queue\":\"Billing NL\",\"title\":\"+31 6 1234\(5000 + index % 4000)\",\"preview\":".utf8)
            appendJSONString(text, to: &output)
            output.append(contentsOf: ",\"proactive\":false},\"customer\":{\"id\":\(1_048_576 + index),\"name\":\"Melissa de Vries\"},\"cad\":{\"origin\":\"melissa\(index % 97)@gmail.com\",\"language\":\"nl\"}}\n".utf8)
        } else {
            let customer = index % 2 == 0
            output.append(contentsOf: "{\"event\":\"message\",\(ts),\(conversation),\"message\":{\"seq\":\(index % 6),\"from\":\"\(customer ? "customer" : "agent")\",\"sender\":{\"signature\":\"\(customer ? "Melissa — +31 6 12345678" : "Sanne (Billing)")\",\"initials\":\"\(customer ? "MD" : "SV")\"},\"text\":".utf8)
            appendJSONString(text, to: &output)
            output.append(contentsOf: "}}\n".utf8)
        }
    }

    /// The folder above `benchmarks/`.
    private static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // MaskingBenchmarks
        .deletingLastPathComponent() // Benchmarks
        .deletingLastPathComponent() // benchmarks
        .deletingLastPathComponent()

    /// Writes the texts in turn with `line` until the output reaches `targetBytes`.
    private static func repeated(_ line: (String, Int, inout [UInt8]) -> Void) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(targetBytes + 4096)
        var index = 0
        while output.count < targetBytes {
            line(texts[index % texts.count], index, &output)
            index += 1
        }
        return output
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendJSONString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                output.append(UInt8(ascii: "\\"))
                output.append(byte)
            case 0..<0x20:
                output.append(contentsOf: "\\u00".utf8)
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 15)])
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

/// A buffer in an unlinked temporary file, read from its start by each run of the filter.
final class TemporaryInput: Sendable {
    let descriptor: Int32
    let byteCount: Int

    init(_ bytes: [UInt8], name: String) {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("piimask-bench-\(getpid())-\(name)").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        precondition(descriptor >= 0, "cannot create \(path)")
        unlink(path)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        self.descriptor = descriptor
        precondition(written == bytes.count, "short write to \(path)")
        byteCount = bytes.count
    }

    /// Moves back to the start, for the next run.
    func rewind() {
        lseek(descriptor, 0, SEEK_SET)
    }
}
