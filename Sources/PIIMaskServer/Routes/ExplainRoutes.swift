import Hummingbird
import PIIMask

/// `POST /v1/explain`: why a part of a value was or was not masked — the candidates found
/// there, the rules asked, what each decided and why (`Masker.explain`). The answer holds
/// offsets, rule ids, masked forms and rule-file words, never the request's text.
///
/// The value is at most `Masker.maxExplainedBytes` (400 `text_too_long`); `start` and `end`
/// must lie in it with `start < end` (400 `invalid_range`).
enum ExplainRoutes {
    static func add<Context: RequestContext>(to router: Router<Context>, state: ServerState) {
        router.post("/v1/explain") { request, _ -> Response in
            let body = try await JSONBody.decode(ExplainRequest.self, from: request, state: state)
            let masker = state.masker.current
            guard body.text.utf8.count <= Masker.maxExplainedBytes else { throw APIError.textTooLong }
            guard body.start >= 0, body.start < body.end, body.end <= body.text.utf8.count else {
                throw APIError.invalidRange
            }
            if let field = body.field, masker.policy(named: field) == nil {
                throw APIError.unknownField(at: "field", valid: masker.fieldIDs)
            }
            let explanation = masker.explain(body.text, range: body.start..<body.end, field: body.field)
            return try JSONBody.response(ExplainResponse(explanation))
        }
    }
}

extension APIError {
    /// 400: the value to explain is longer than `Masker.maxExplainedBytes`.
    static let textTooLong = APIError(.badRequest, code: "text_too_long",
                                      message: "the text to explain may hold at most \(Masker.maxExplainedBytes) bytes")
    /// 400: `start` and `end` do not give a part of the text.
    static let invalidRange = APIError(.badRequest, code: "invalid_range",
                                       message: "`start` and `end` must be byte offsets into the text's UTF-8 with 0 <= start < end <= its length")
}
