import PIIMask

/// `POST /v1/rules/test` request: a draft rule file, and a sample to apply it to.
struct RuleDraftRequest: Decodable, Sendable {
    /// The draft rule file (YAML), at most `RuleDraft.maxBytes`.
    let rules: String
    /// A sample to mask with the rules in effect and the draft, at most `RuleDraft.maxBytes`.
    let text: String?
    /// The sample's field category; absent means the default.
    let field: String?

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case rules, text, field
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rules = try container.decode(String.self, forKey: .rules)
        text = try container.decodeIfPresent(String.self, forKey: .text)
        field = try container.decodeIfPresent(String.self, forKey: .field)
        try RequestKeys.refuseUnknown(CodingKeys.self, in: decoder)
    }
}

/// `POST /v1/rules/test` response.
struct RuleDraftResponse: Encodable, Sendable {
    struct ErrorBody: Encodable, Sendable {
        let file: String
        let line: Int?
        let rule: String?
        let message: String
    }
    struct Example: Encodable, Sendable {
        let rule: String
        let source: String
        let kind: String
        let example: String
        let passed: Bool
        let got: String?
    }
    struct Finding: Encodable, Sendable {
        let type: String
        let rule: String
        let start: Int
        let end: Int
        let masked: String
        /// Whether the rule that found it is one the draft defines or overrides.
        let draft: Bool
    }
    struct Sample: Encodable, Sendable {
        let text: String
        let findings: [Finding]
    }

    let valid: Bool
    let installed = false
    let errors: [ErrorBody]
    let rules: [String]
    let fields: [String]
    let examples: [Example]
    let complete: Bool
    let sample: Sample?

    init(_ result: RuleDraftResult) {
        valid = result.isValid
        errors = result.errors.map {
            ErrorBody(file: $0.file, line: $0.line, rule: $0.ruleID, message: $0.problem)
        }
        rules = result.ruleIDs
        fields = result.fieldIDs
        examples = result.examples.map {
            Example(rule: $0.ruleID, source: $0.source.description, kind: $0.kind.rawValue, example: $0.example,
                    passed: $0.passed, got: $0.got)
        }
        complete = result.isComplete
        let draftRules = Set(result.ruleIDs)
        sample = result.sample.map { sample in
            Sample(text: sample.text, findings: sample.findings.map {
                Finding(type: $0.type, rule: $0.ruleID, start: $0.range.lowerBound, end: $0.range.upperBound,
                        masked: $0.masked, draft: draftRules.contains($0.ruleID))
            })
        }
    }
}
