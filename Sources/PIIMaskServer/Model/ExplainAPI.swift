import PIIMask

/// `POST /v1/explain` request: a value, the part of it to explain (byte offsets into its
/// UTF-8) and its optional field category.
struct ExplainRequest: Decodable, Sendable {
    let text: String
    let start: Int
    let end: Int
    let field: String?

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case text, start, end, field
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        start = try container.decode(Int.self, forKey: .start)
        end = try container.decode(Int.self, forKey: .end)
        field = try container.decodeIfPresent(String.self, forKey: .field)
        try RequestKeys.refuseUnknown(CodingKeys.self, in: decoder)
    }
}

/// `POST /v1/explain` response: offsets, rule ids, masked forms and rule-file words only,
/// never the request's text.
struct ExplainResponse: Encodable, Sendable {
    struct Decision: Encodable, Sendable {
        let rule: String
        let type: String
        let outcome: String
        let reason: String
        let detail: String

        init(_ decision: RuleDecision) {
            rule = decision.ruleID
            type = decision.type
            outcome = decision.outcome.rawValue
            reason = decision.reason.rawValue
            detail = decision.detail
        }
    }
    struct Candidate: Encodable, Sendable {
        let kind: String
        let start: Int
        let end: Int
        let digits: Int
        let decisions: [Decision]
    }

    let start: Int
    let end: Int
    let field: String
    let masked: [FindingBody]
    let candidates: [Candidate]
    let notAsked: [Decision]

    enum CodingKeys: String, CodingKey {
        case start, end, field, masked, candidates
        case notAsked = "not_asked"
    }

    init(_ explanation: Explanation) {
        start = explanation.range.lowerBound
        end = explanation.range.upperBound
        field = explanation.field
        masked = explanation.masked.map(FindingBody.init)
        candidates = explanation.candidates.map {
            Candidate(kind: $0.kind, start: $0.range.lowerBound, end: $0.range.upperBound, digits: $0.digits,
                      decisions: $0.decisions.map(Decision.init))
        }
        notAsked = explanation.notAsked.map(Decision.init)
    }
}
