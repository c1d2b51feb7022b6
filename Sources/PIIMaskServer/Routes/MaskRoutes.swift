import PIIMask
import Hummingbird

/// `POST /v1/mask`, `POST /v1/mask/batch` and `POST /v1/scan`: decode, call the library, encode.
enum MaskRoutes {
    static func add<Context: RequestContext>(to router: Router<Context>, state: ServerState) {
        router.post("/v1/mask") { request, _ -> Response in
            let body = try await JSONBody.decode(MaskRequest.self, from: request, state: state)
            return try JSONBody.response(MaskResponse(mask(body, with: state.masker.current, state: state)))
        }
        router.post("/v1/mask/batch") { request, _ -> Response in
            let body = try await JSONBody.decode(BatchRequest.self, from: request, state: state)
            let masker = state.masker.current
            let items = body.items.map { MaskResponse(mask($0, with: masker, state: state)) }
            return try JSONBody.response(BatchResponse(items: items))
        }
        router.post("/v1/scan") { request, _ -> Response in
            let body = try await JSONBody.decode(MaskRequest.self, from: request, state: state)
            let result = state.masker.current.maskWithFindings(body.text, field: body.field)
            state.metrics.record(findings: result.findings)
            return try JSONBody.response(ScanResponse(findings: result.findings.map(FindingBody.init)))
        }
    }

    /// Masks one item and records what was found.
    private static func mask(_ item: MaskRequest, with masker: Masker, state: ServerState) -> MaskResult {
        let result = masker.maskWithFindings(item.text, field: item.field)
        state.metrics.record(findings: result.findings)
        state.metrics.recordBytes(in: item.text.utf8.count, out: result.text.utf8.count)
        return result
    }
}
