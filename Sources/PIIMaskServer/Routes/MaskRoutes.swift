import PIIMask
import Hummingbird

/// `POST /v1/mask`, `POST /v1/mask/batch` and `POST /v1/scan`: decode, call the library, encode.
enum MaskRoutes {
    static func add<Context: RequestContext>(to router: Router<Context>, state: ServerState) {
        router.post("/v1/mask") { request, _ -> Response in
            let body = try await JSONBody.decode(MaskRequest.self, from: request, state: state)
            let masker = state.masker.current
            try checkField(body, at: "field", in: masker)
            return try JSONBody.response(MaskResponse(mask(body, with: masker, state: state)))
        }
        router.post("/v1/mask/batch") { request, _ -> Response in
            let body = try await JSONBody.decode(BatchRequest.self, from: request, state: state)
            let masker = state.masker.current
            for (index, item) in body.items.enumerated() { try checkField(item, at: "items[\(index)].field", in: masker) }
            // Masked and encoded one item at a time as the response is written: the server
            // holds the request and one item's result, never the whole response.
            return JSONBody.streamedResponse(key: "items", count: body.items.count) { index in
                MaskResponse(mask(body.items[index], with: masker, state: state))
            }
        }
        router.post("/v1/scan") { request, _ -> Response in
            let body = try await JSONBody.decode(MaskRequest.self, from: request, state: state)
            let masker = state.masker.current
            try checkField(body, at: "field", in: masker)
            let result = masker.maskWithFindings(body.text, field: body.field)
            state.metrics.record(findings: result.findings, allowedByType: result.allowedByType)
            return try JSONBody.response(ScanResponse(findings: result.findings.map(FindingBody.init)))
        }
    }

    /// Refuses a `field` that names no category of `masker`, as `piimask --field` does:
    /// a typo'd category must be told, not masked under another policy without a word.
    private static func checkField(_ item: MaskRequest, at path: String, in masker: Masker) throws {
        guard let field = item.field, masker.policy(named: field) == nil else { return }
        throw APIError.unknownField(at: path, valid: masker.fieldIDs)
    }

    /// Masks one item and records what was found.
    private static func mask(_ item: MaskRequest, with masker: Masker, state: ServerState) -> MaskResult {
        let result = masker.maskWithFindings(item.text, field: item.field)
        state.metrics.record(findings: result.findings, allowedByType: result.allowedByType)
        state.metrics.recordBytes(in: item.text.utf8.count, out: result.text.utf8.count)
        return result
    }
}
