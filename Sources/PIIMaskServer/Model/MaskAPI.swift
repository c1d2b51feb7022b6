import PIIMask

/// `POST /v1/mask` and `POST /v1/scan` request: one value and its optional field category.
struct MaskRequest: Decodable, Sendable {
    /// The value to mask.
    let text: String
    /// Its field category; absent or unknown means the default policy (mask everything).
    let field: String?
}

/// `POST /v1/mask/batch` request.
struct BatchRequest: Decodable, Sendable {
    /// The values, masked in order.
    let items: [MaskRequest]
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
