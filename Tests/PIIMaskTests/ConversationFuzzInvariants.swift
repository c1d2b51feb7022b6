@testable import PIIMask

/// The `conversation` fuzz target: the input's lines are the messages of a few
/// conversations, masked three ways — by the library's `ConversationMasker`, by the filter's
/// NDJSON path with conversations followed (`NDJSONBlockProcessor` with a
/// `ConversationTracker`), and by `ConversationEventMasker` (`serve`'s `/v1/events`, the
/// stream worker) — with these properties:
///
/// 1. **One message out per message in**, none with a line break, in order.
/// 2. **A whole value in a message** (`"; " + value + " "` in the last message, a value of
///    `FuzzInvariants.plantedValues`) never comes out raw, whatever the conversation's
///    earlier messages were.
/// 3. **A card typed across two messages** (`…; my card is 5555 5555` then `5555 4444 thanks …`,
///    the second right after the first in the same conversation) shows at most its last four
///    digits: neither part comes out raw.
/// 4. **Events**: the messages as chat events of their conversations (the id before or after
///    the text, and the input's own lines as they are) give one valid JSON line per valid
///    event, and the filter's block path and `ConversationEventMasker` write the same bytes
///    for every event; the planted value is in no output string.
///
/// Which conversation a message belongs to is chosen by its first byte (`a`, `b`, none, or
/// `a` followed by its end event). The clock stands still.
final class ConversationFuzzInvariants: FuzzChecker {
    /// The most messages read from one input.
    static let maxMessages = 64
    /// The two parts of the split card of check 3.
    static let splitParts: [[UInt8]] = ["5555 5555", "5555 4444"].map { Array($0.utf8) }

    private let masker: Masker
    private let rewriter = JSONLineRewriter()
    private var violations: [String] = []

    /// A checker over `masker` (the built-in rules).
    init(masker: Masker) {
        self.masker = masker
    }

    /// One message of the input, with its conversation.
    private struct Message {
        var text: [UInt8]
        var conversation: [UInt8]
        var ends: Bool
    }

    func check(_ input: UnsafeRawBufferPointer) -> [String] {
        violations = []
        let bytes = [UInt8](input)
        let plant = FuzzInvariants.Plant(bytes)
        let value = FuzzInvariants.plantedValues[plant.value]
        var material = FuzzInvariants.defused(bytes, value)
        material = Self.splitParts.reduce(material, FuzzInvariants.defused)
        var messages = Self.messages(material)
        // Check 2: the value in the last message, at an offset the input chooses.
        var last = messages.removeLast()
        let offset = plant.offset % (last.text.count + 1)
        last.text = Array(last.text[..<offset]) + Array("; ".utf8) + value + FuzzInvariants.end(before: last.text[offset...])
            + last.text[offset...]
        // Check 3: a card split across the two messages before it, in conversation `a`.
        let splitAt = messages.count
        messages.append(Message(text: (messages.last?.text ?? []) + Array("; my card is ".utf8) + Self.splitParts[0],
                                conversation: Array("a".utf8), ends: false))
        messages.append(Message(text: Self.splitParts[1] + Array(" thanks ".utf8) + (messages.first?.text ?? []),
                                conversation: Array("a".utf8), ends: false))
        messages.append(last)

        checkLibrary(messages, value: value, splitAt: splitAt)
        checkEvents(messages, value: value, idFirst: plant.escapeValue, escapeASCII: plant.escapeASCII)
        checkRawLines(bytes)
        return violations
    }

    private func fail(_ message: String) {
        violations.append(message)
    }

    /// Where a planted part of the split card stands in a masked message: after the first
    /// message's last `my card is `, before the second's first ` thanks ` (the input's own
    /// bytes around it may come out in their folded form, `5555 5555` from `5555\u{202F}5555`).
    private static func plantedPart(of output: [UInt8], first: Bool) -> ArraySlice<UInt8> {
        let marker = Array((first ? "my card is " : " thanks ").utf8)
        var found: Int?
        var from = 0
        while let index = FuzzInvariants.firstIndex(of: marker, in: Array(output[from...])).map({ $0 + from }) {
            found = index
            if !first { break }
            from = index + 1
        }
        guard let found else { return output[...] }
        return first ? output[(found + marker.count)...] : output[..<found]
    }

    /// The input's lines as messages (at most `maxMessages`; at least one, maybe empty).
    private static func messages(_ bytes: [UInt8]) -> [Message] {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).prefix(maxMessages)
        return lines.map { line in
            let selector = line.first.map { Int($0) % 4 } ?? 0
            return Message(text: Array(line), conversation: Array((selector == 1 ? "b" : selector == 2 ? "" : "a").utf8),
                           ends: selector == 3)
        }
    }

    /// Checks 1 to 3 on `ConversationMasker`.
    private func checkLibrary(_ messages: [Message], value: [UInt8], splitAt: Int) {
        let conversations = ConversationMasker(masker: masker, clock: { 0 })
        for (index, message) in messages.enumerated() {
            var output: [UInt8] = []
            message.text.withUnsafeBytes {
                _ = conversations.mask(utf8: $0, conversation: message.conversation, policy: masker.defaultPolicy,
                                       appendingTo: &output)
            }
            if output.contains(UInt8(ascii: "\n")) { fail("conversation: message \(index + 1) came out with a line break") }
            if index == messages.count - 1, FuzzInvariants.contains(output, value) {
                fail("conversation: \(String(decoding: value, as: UTF8.self)) in the last message left raw")
            }
            if index == splitAt || index == splitAt + 1,
               FuzzInvariants.contains(Self.plantedPart(of: output, first: index == splitAt), Self.splitParts[index - splitAt]) {
                fail("conversation: part \(index - splitAt + 1) of a card split across two messages left raw")
            }
            if message.ends {
                conversations.end(conversation: String(decoding: message.conversation, as: UTF8.self))
            }
        }
    }

    /// Check 4 on events built from the messages.
    private func checkEvents(_ messages: [Message], value: [UInt8], idFirst: Bool, escapeASCII: Bool) {
        var block: [UInt8] = []
        for message in messages {
            var text = Array(#""message":{"from":"customer","text":""#.utf8)
            FuzzInvariants.appendEscaped(message.text[...], escapeASCII: escapeASCII, to: &text)
            text += Array(#""}"#.utf8)
            var id = Array(#""conversation":""#.utf8)
            FuzzInvariants.appendEscaped(message.conversation[...], escapeASCII: false, to: &id)
            id += Array(#"""#.utf8)
            let type = Array((message.ends ? #""event":"conversation.ended""# : #""event":"message""#).utf8)
            block += [UInt8(ascii: "{")] + (idFirst ? id + [UInt8(ascii: ",")] + text : text + [UInt8(ascii: ",")] + id)
            block += [UInt8(ascii: ",")] + type + Array("}\n".utf8)
        }
        let outputs = compareFilterAndEventMasker(block, label: "conversation events")
        for (index, line) in outputs.enumerated() {
            var finder = FuzzInvariants.ValueFinder(value: value)
            let valid = line.withUnsafeBytes { rewriter.scan($0, visitor: &finder) }
            if !valid { fail("conversation events: event \(index + 1) valid JSON in, invalid out") }
            if index == outputs.count - 1, finder.found || FuzzInvariants.containsOutsideEscapes(line, value) {
                fail("conversation events: \(String(decoding: value, as: UTF8.self)) in the last event left raw")
            }
        }
    }

    /// Check 4 on the input's own lines, as they are (JSON or not).
    private func checkRawLines(_ bytes: [UInt8]) {
        let outputs = compareFilterAndEventMasker(bytes, label: "conversation raw lines")
        for (index, line) in FuzzInvariants.lines(bytes).enumerated() where index < outputs.count {
            let valid = line.withUnsafeBytes { rewriter.isValid($0) }
            let validOut = outputs[index].withUnsafeBytes { rewriter.isValid($0) }
            if valid && !validOut { fail("conversation raw lines: line \(index + 1) valid JSON in, invalid out") }
        }
    }

    /// Masks the lines of `block` with the filter's NDJSON path (conversations followed) and
    /// one by one with a `ConversationEventMasker`; reports a different count of lines or
    /// different bytes, and returns the filter's lines.
    private func compareFilterAndEventMasker(_ block: [UInt8], label: String) -> [[UInt8]] {
        let options = ConversationOptions()
        let tracker = ConversationTracker(options: options, clock: { 0 })
        let filter = NDJSONBlockProcessor(worker: masker.makeWorker(), masker: masker, onInvalid: .mask,
                                          conversations: tracker)
        let filtered = FuzzInvariants.process(filter, block)
        if FuzzInvariants.count(newlines: filtered) != FuzzInvariants.count(newlines: block) {
            fail("\(label): \(FuzzInvariants.count(newlines: block)) newlines in, \(FuzzInvariants.count(newlines: filtered)) out")
            return []
        }
        let filteredLines = FuzzInvariants.lines(filtered)
        let events = ConversationEventMasker(options: options, clock: { 0 })
        for (index, line) in FuzzInvariants.lines(block).enumerated() {
            var output: [UInt8] = []
            line.withUnsafeBytes { _ = events.maskEvent(utf8: $0, masker: masker, appendingTo: &output) }
            if index >= filteredLines.count || output != filteredLines[index] {
                fail("\(label): event \(index + 1) masked by ConversationEventMasker differs from the filter's")
            }
        }
        return filteredLines
    }
}
