import Dispatch
import Hummingbird
import PIIMask

/// `POST /v1/rules/test`: tries a draft rule file on top of the server's rule files — its
/// errors with the draft's line numbers, its rules' examples, the sample masked with it —
/// and never installs it (the rules in effect stay as they are).
///
/// The draft and the sample are at most `RuleDraft.maxBytes` each (400 `draft_too_large`);
/// the work runs on a Dispatch thread, off Swift's cooperative pool, within
/// `RuleDraft.test`'s time budget for the examples.
enum RuleDraftRoutes {
    static func add<Context: RequestContext>(to router: Router<Context>, state: ServerState) {
        router.post("/v1/rules/test") { request, _ -> Response in
            let body = try await JSONBody.decode(RuleDraftRequest.self, from: request, state: state)
            guard body.rules.utf8.count <= RuleDraft.maxBytes, (body.text?.utf8.count ?? 0) <= RuleDraft.maxBytes else {
                throw APIError.draftTooLarge
            }
            if let field = body.field, state.masker.current.policy(named: field) == nil {
                throw APIError.unknownField(at: "field", valid: state.masker.current.fieldIDs)
            }
            let configuration = state.masker.configuration
            let result = await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(returning: RuleDraft.test(
                        body.rules, over: configuration.paths, includeBuiltin: configuration.includeBuiltin,
                        sample: body.text, field: body.field))
                }
            }
            return try JSONBody.response(RuleDraftResponse(result))
        }
    }
}

extension APIError {
    /// 400: a draft rule file or its sample is over `RuleDraft.maxBytes`.
    static let draftTooLarge = APIError(.badRequest, code: "draft_too_large",
                                        message: "the draft rule file and the sample may hold at most \(RuleDraft.maxBytes) bytes each")
}
