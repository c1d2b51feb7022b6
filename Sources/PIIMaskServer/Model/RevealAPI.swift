/// `POST /v1/reveal` request: text holding `encrypt` tokens.
///
/// Keys other than `text` are refused, as on the masking endpoints.
struct RevealRequest: Decodable, Sendable {
    /// The text whose `[TYPE:enc:KEY:…]` tokens are opened.
    let text: String

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case text
    }

    init(from decoder: any Decoder) throws {
        text = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .text)
        try RequestKeys.refuseUnknown(CodingKeys.self, in: decoder)
    }
}

/// `POST /v1/reveal` response: the text with every `encrypt` token replaced by its value.
struct RevealResponse: Encodable, Sendable {
    let text: String
}
