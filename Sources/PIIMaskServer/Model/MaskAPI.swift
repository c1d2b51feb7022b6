import PIIMask

/// `POST /v1/mask` and `POST /v1/scan` request (and one item of `POST /v1/mask/batch`): one
/// value, its optional field category and its optional conversation.
///
/// Keys other than `text`, `field` and `conversation_id` are refused, as rule files refuse
/// unknown keys: a typo'd `feild` would otherwise be ignored without a word.
struct MaskRequest: Decodable, Sendable {
    /// The value to mask.
    let text: String
    /// Its field category (`GET /v1/rules`); absent means the default policy. An unknown
    /// one is refused (400 `unknown_field`), as the command line's `--field` is.
    let field: String?
    /// The conversation the value belongs to: token masks scoped per conversation are keyed
    /// with it, as `/v1/events` keys them with an event's conversation id. Absent: they
    /// write stars (fail closed). Empty or longer than `ConversationID.maxBytes` is refused
    /// (400 `invalid_conversation_id`).
    let conversationID: String?

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case text, field
        case conversationID = "conversation_id"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        field = try container.decodeIfPresent(String.self, forKey: .field)
        conversationID = try container.decodeIfPresent(String.self, forKey: .conversationID)
        try RequestKeys.refuseUnknown(CodingKeys.self, in: decoder)
    }
}

/// `POST /v1/mask/batch` request.
struct BatchRequest: Decodable, Sendable {
    /// The values, masked in order.
    let items: [MaskRequest]
    /// The conversation of every item that names none itself (an item's own
    /// `conversation_id` wins); absent: items without one write stars for token masks
    /// scoped per conversation.
    let conversationID: String?

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case items
        case conversationID = "conversation_id"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        items = try container.decode([MaskRequest].self, forKey: .items)
        conversationID = try container.decodeIfPresent(String.self, forKey: .conversationID)
        try RequestKeys.refuseUnknown(CodingKeys.self, in: decoder)
    }

    /// The conversation of item `index`: its own, else the batch's.
    func conversation(of index: Int) -> String? {
        items[index].conversationID ?? conversationID
    }
}

/// The bounds of a request's `conversation_id`.
enum ConversationID {
    /// The longest conversation id accepted, in UTF-8 bytes.
    static let maxBytes = 256

    /// Refuses an id that is empty (no conversation: leave the key out instead) or longer
    /// than `maxBytes`; the error names where it is (`path`), never the id.
    static func check(_ id: String?, at path: String) throws {
        guard let id else { return }
        let count = id.utf8.count
        guard count == 0 || count > maxBytes else { return }
        throw APIError(.badRequest, code: "invalid_conversation_id",
                       message: "`\(path)` must be 1 to \(maxBytes) bytes of UTF-8 (leave it out for no conversation)")
    }
}

/// Refusing keys a request body does not define.
enum RequestKeys {
    /// A key the body's object does not define; its name is not kept (it is request input).
    struct UnknownKey: Error {
        /// Where the object is (the keys and indices of the endpoint's schema).
        let codingPath: [any CodingKey]
        /// The keys the object may have.
        let expected: [String]
    }

    /// Throws `UnknownKey` when the object being decoded has a key that `Keys` lacks
    /// (called after the required keys are decoded, so that a missing one is named first).
    static func refuseUnknown<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type, in decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        let known = Set(Keys.allCases.map(\.stringValue))
        if container.allKeys.contains(where: { !known.contains($0.stringValue) }) {
            throw UnknownKey(codingPath: decoder.codingPath, expected: Keys.allCases.map(\.stringValue))
        }
    }

    /// Any key, to list an object's keys.
    private struct AnyKey: CodingKey {
        let stringValue: String
        let intValue: Int? = nil
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// One finding as the API reports it: byte offsets into the value's UTF-8 and the masked form.
struct FindingBody: Encodable, Sendable {
    let type: String
    let rule: String
    let start: Int
    let end: Int
    let masked: String

    init(_ finding: MaskedFinding) {
        type = finding.type
        rule = finding.ruleID
        start = finding.range.lowerBound
        end = finding.range.upperBound
        masked = finding.masked
    }
}

/// `POST /v1/mask` response (and one item of a batch response).
struct MaskResponse: Encodable, Sendable {
    let text: String
    let findings: [FindingBody]

    init(_ result: MaskResult) {
        text = result.text
        findings = result.findings.map(FindingBody.init)
    }
}

/// `POST /v1/mask/batch` response.
struct BatchResponse: Encodable, Sendable {
    let items: [MaskResponse]
}

/// `POST /v1/scan` response.
struct ScanResponse: Encodable, Sendable {
    let findings: [FindingBody]
}
