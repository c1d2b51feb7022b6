/// Wraps generated messages in chat events of the agent desktop's NDJSON schema (the one of
/// `fixtures/chat/conversation.ndjson`), one event per message, for throughput runs of
/// `piimask --format ndjson`.
///
/// Messages are grouped into conversations of 3 to 12 messages. The first message of a
/// conversation arrives as a `task.offered` event, the text in `task.preview`, with a task
/// title, a customer name and a contact origin (`cad.origin`) that are often a phone number
/// or an e-mail address; every other message is a `message` event, the text in
/// `message.text`, with a sender signature that sometimes carries a phone number, and now and
/// then attachments or a `meta` object of numbers, booleans and nulls:
///
///     {"event":"message","ts":"2026-11-24T09:14:15.000Z","conversation":"C-20261124-0001",
///      "message":{"seq":2,"from":"customer","sender":{"signature":"Sanne","initials":"SA"},
///      "text":"Bel me op 06-12345678"}}
///
/// (one line in the output). Events carry no labels. The decoration is drawn from a
/// generator of its own, seeded from the corpus seed, so the messages are the same as in the
/// other formats: the text of event *n* is line *n* of a text-only run with the same seed.
public struct ChatEventEncoder: Sendable {
    private var rng: SplitMix64
    /// Milliseconds since 1970-01-01 of the last event.
    private var clock: Int64 = 1_795_510_800_000 // 2026-11-24T09:00:00.000Z
    private var conversationNumber = 0
    private var conversationID = ""
    private var taskNumber = 88_000
    private var customerNumber = 1_048_576
    private var sequence = 0
    /// Messages left in the current conversation.
    private var remaining = 0
    private var customer = Party(signature: "", initials: "")
    private var agent = Party(signature: "", initials: "")

    private struct Party: Sendable {
        var signature: String
        var initials: String
    }

    private static let queues = [
        "Billing NL", "Support", "Payments", "Sales", "Klantenservice", "Technical EN",
        "Retentie", "Orders BE",
    ]
    private static let agentNames = [
        "Sanne de Vries", "Jan Jansen", "Priya Shah", "Tom Peeters", "Lotte Bakker",
        "Daniel Murphy", "Fatima El Amrani", "Koen Maes", "Emily Walsh", "Ruben Visser",
    ]
    private static let surnames = [
        "de Vries", "Jansen", "Bakker", "Visser", "Peeters", "Smith", "Murphy", "Patel",
        "Janssens", "Yilmaz", "O'Brien", "van Dijk",
    ]
    private static let attachmentNames = [
        "foto@2x.png", "screenshot.png", "factuur-2024-118.pdf", "IMG_4471.jpg", "bon.pdf",
        "error log.txt",
    ]
    private static let tags = ["wifi", "billing", "vip", "retour", "spoed", "nl", "en"]

    /// Creates an encoder whose events are fixed by `seed` (and the messages given to it).
    public init(seed: UInt64) {
        rng = SplitMix64(seed: seed ^ 0x6576_656E_7473_2E31) // "events.1"
    }

    /// Appends the event carrying `message`, newline included, to `output`.
    public mutating func encode(_ message: LabeledMessage, into output: inout [UInt8]) {
        clock += Int64(rng.int(in: 800...45_000))
        if remaining == 0 {
            startConversation()
            taskOffered(message, into: &output)
        } else {
            messageEvent(message, into: &output)
        }
        remaining -= 1
        output.append(UInt8(ascii: "\n"))
    }

    private mutating func startConversation() {
        conversationNumber += 1
        taskNumber += rng.int(in: 1...9)
        customerNumber += 1
        remaining = rng.int(in: 3...12)
        sequence = 0
        // A new conversation usually starts a little later.
        clock += Int64(rng.int(in: 0...600_000))
        let date = Self.civilDate(clock)
        conversationID = "C-\(date.year)\(Self.padded(date.month, 2))\(Self.padded(date.day, 2))-"
            + Self.padded(conversationNumber % 10_000, 4)
        let dutch = rng.chance(450)
        let first = rng.pick(dutch ? Names.dutchFirst : Names.englishFirst)
        let signature: String
        switch rng.below(10) {
        case 0..<2: signature = "\(first) — \(PhoneGenerator.generate(&rng, language: dutch ? .dutch : .english))"
        case 2..<6: signature = "\(first) \(rng.pick(Self.surnames))"
        default: signature = first
        }
        customer = Party(signature: signature, initials: Self.initials(signature))
        let agentName = rng.pick(Self.agentNames)
        let firstName = agentName.split(separator: " ").first.map(String.init) ?? agentName
        agent = Party(signature: "\(firstName) (\(rng.pick(Self.queues)))", initials: Self.initials(agentName))
    }

    private mutating func taskOffered(_ message: LabeledMessage, into output: inout [UInt8]) {
        let dutch = rng.chance(450)
        let language: Language = dutch ? .dutch : .english
        // What the desktop shows as title and customer name: the number or address the chat
        // came from, or the name the customer typed.
        let contact: String
        switch rng.below(10) {
        case 0..<4: contact = PhoneGenerator.generate(&rng, language: language)
        case 4..<7: contact = EmailGenerator.generate(&rng)
        default: contact = customer.signature
        }
        let customerName = rng.chance(300) ? contact : customer.signature
        let origin = rng.chance(500) ? PhoneGenerator.generate(&rng, language: language) : EmailGenerator.generate(&rng)
        header("task.offered", into: &output)
        output.append(contentsOf: #","task":{"id":"T-\#(taskNumber)","channel":"livechat","queue":"#.utf8)
        string(rng.pick(Self.queues), into: &output)
        output.append(contentsOf: #","title":"#.utf8)
        string(contact, into: &output)
        output.append(contentsOf: #","preview":"#.utf8)
        string(message.text, into: &output)
        output.append(contentsOf: #","proactive":\#(rng.chance(100))},"customer":{"id":\#(customerNumber),"name":"#.utf8)
        string(customerName, into: &output)
        output.append(contentsOf: #"},"cad":{"origin":"#.utf8)
        string(origin, into: &output)
        output.append(contentsOf: #","language":"\#(dutch ? "nl" : "en")""#.utf8)
        if rng.chance(300) {
            output.append(contentsOf: #","score":\#(rng.int(in: 1...999_999_999))\#(rng.digits(12))"#.utf8)
        }
        output.append(contentsOf: "}}".utf8)
    }

    private mutating func messageEvent(_ message: LabeledMessage, into output: inout [UInt8]) {
        sequence += 1
        let fromCustomer = rng.chance(550)
        let party = fromCustomer ? customer : agent
        header("message", into: &output)
        output.append(contentsOf: #","message":{"seq":\#(sequence),"from":"\#(fromCustomer ? "customer" : "agent")","sender":{"signature":"#.utf8)
        string(party.signature, into: &output)
        output.append(contentsOf: #","initials":"#.utf8)
        string(party.initials, into: &output)
        output.append(contentsOf: #"},"text":"#.utf8)
        string(message.text, into: &output)
        if fromCustomer, rng.chance(40) {
            output.append(contentsOf: #","attachments":[{"name":"#.utf8)
            string(rng.pick(Self.attachmentNames), into: &output)
            output.append(contentsOf: #","bytes":\#(rng.int(in: 1_000...4_000_000))}]"#.utf8)
        }
        output.append(UInt8(ascii: "}"))
        if rng.chance(60) {
            output.append(contentsOf: #","meta":{"tags":["#.utf8)
            string(rng.pick(Self.tags), into: &output)
            output.append(contentsOf: #",null,\#(rng.chance(500)),-\#(rng.int(in: 1...99)).5e+3],"edited":false,"latency_ms":\#(rng.int(in: 5...900))}"#.utf8)
        }
        output.append(UInt8(ascii: "}"))
    }

    /// `{"event":…,"ts":…,"conversation":…` without the closing brace.
    private func header(_ event: String, into output: inout [UInt8]) {
        output.append(contentsOf: #"{"event":"\#(event)","ts":"\#(Self.timestamp(clock))","conversation":"\#(conversationID)""#.utf8)
    }

    private func string(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        JSONLineEncoder.appendEscaped(text, to: &output)
        output.append(UInt8(ascii: "\""))
    }

    /// The first letters of the first two words that start with a letter, upper case
    /// (`"Sanne de Vries"` → `"SD"`, `"Jack — 06 1234 5678"` → `"J"`).
    private static func initials(_ name: String) -> String {
        let letters = name.split(separator: " ").compactMap { $0.first }.filter(\.isLetter).prefix(2)
        return String(letters).uppercased()
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// `2026-11-24T09:14:02.118Z` for milliseconds since 1970 (UTC).
    static func timestamp(_ milliseconds: Int64) -> String {
        let date = civilDate(milliseconds)
        let msOfDay = Int(milliseconds % 86_400_000)
        let hours = msOfDay / 3_600_000
        let minutes = msOfDay / 60_000 % 60
        let seconds = msOfDay / 1000 % 60
        return "\(date.year)-\(padded(date.month, 2))-\(padded(date.day, 2))T\(padded(hours, 2)):"
            + "\(padded(minutes, 2)):\(padded(seconds, 2)).\(padded(msOfDay % 1000, 3))Z"
    }

    /// Year, month and day (proleptic Gregorian, UTC) of a non-negative time in milliseconds
    /// since 1970 (the days-to-civil algorithm of Howard Hinnant's date library).
    static func civilDate(_ milliseconds: Int64) -> (year: Int, month: Int, day: Int) {
        let days = Int(milliseconds / 86_400_000) + 719_468
        let era = days / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
