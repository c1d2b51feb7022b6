import PIIMask
import Hummingbird

/// `POST /v1/mask`, `POST /v1/mask/batch` and `POST /v1/scan`: decode, call the library, encode.
///
/// A `conversation_id` keys the token masks scoped per conversation as `/v1/events` keys an
/// event's (the same key, value and id give the same token); without one they write stars.
/// The masking here does not follow the conversation's earlier text (a value typed across
/// two requests is masked in each on its own): that is `/v1/events`' job.
enum MaskRoutes {
    static func add<Context: RequestContext>(to router: Router<Context>, state: ServerState) {
        router.post("/v1/mask") { request, _ -> Response in
            let body = try await JSONBody.decode(MaskRequest.self, from: request, state: state)
            let masker = state.masker.current
            try check(body, at: "", in: masker)
            return try JSONBody.response(MaskResponse(mask(body, conversation: body.conversationID, with: masker, state: state)))
        }
        router.post("/v1/mask/batch") { request, _ -> Response in
            let body = try await JSONBody.decode(BatchRequest.self, from: request, state: state)
            let masker = state.masker.current
            try ConversationID.check(body.conversationID, at: "conversation_id")
            for (index, item) in body.items.enumerated() { try check(item, at: "items[\(index)].", in: masker) }
            // Masked and encoded one item at a time as the response is written: the server
            // holds the request and one item's result, never the whole response.
            return JSONBody.streamedResponse(key: "items", count: body.items.count) { index in
                MaskResponse(mask(body.items[index], conversation: body.conversation(of: index), with: masker, state: state))
            }
        }
        router.post("/v1/scan") { request, _ -> Response in
            let body = try await JSONBody.decode(MaskRequest.self, from: request, state: state)
            let masker = state.masker.current
            try check(body, at: "", in: masker)
            let result = masker.maskWithFindings(body.text, field: body.field, conversation: body.conversationID)
            state.metrics.record(findings: result.findings, allowedByType: result.allowedByType)
            return try JSONBody.response(ScanResponse(findings: result.findings.map(FindingBody.init)))
        }
    }

    /// Refuses a `field` that names no category of `masker`, as `piimask --field` does (a
    /// typo'd category must be told, not masked under another policy without a word), and
    /// an empty or over-long `conversation_id`; `prefix` is where the item is (`items[2].`).
    private static func check(_ item: MaskRequest, at prefix: String, in masker: Masker) throws {
        try ConversationID.check(item.conversationID, at: prefix + "conversation_id")
        guard let field = item.field, masker.policy(named: field) == nil else { return }
        throw APIError.unknownField(at: prefix + "field", valid: masker.fieldIDs)
    }

    /// Masks one item (token masks scoped per conversation keyed with `conversation`) and
    /// records what was found.
    private static func mask(_ item: MaskRequest, conversation: String?, with masker: Masker, state: ServerState) -> MaskResult {
        let result = masker.maskWithFindings(item.text, field: item.field, conversation: conversation)
        state.metrics.record(findings: result.findings, allowedByType: result.allowedByType)
        state.metrics.recordBytes(in: item.text.utf8.count, out: result.text.utf8.count)
        return result
    }
}
