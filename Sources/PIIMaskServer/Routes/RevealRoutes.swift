import Hummingbird
import PIIMask

/// `POST /v1/reveal`: `encrypt` tokens back into the values they hold, as `piimask reveal`,
/// with the token keys of the request's policy. Off unless `--enable-reveal`, and only
/// behind the bearer token (`--token-file`). Each request is counted by its outcome
/// (`RevealMetrics`).
enum RevealRoutes {
    static func add<Context: RequestContext>(to router: Router<Context>, state: ServerState) {
        router.post("/v1/reveal") { request, _ -> Response in
            do {
                let response = try await reveal(request, state: state)
                state.revealMetrics.record(.revealed)
                return response
            } catch let error as APIError {
                state.revealMetrics.record(outcome(of: error))
                throw error
            } catch {
                state.revealMetrics.record(.badRequest)
                throw error
            }
        }
    }

    /// The outcome an error of `reveal` is counted as.
    private static func outcome(of error: APIError) -> RevealMetrics.Outcome {
        switch error.code {
        case APIError.revealDisabled.code: .disabled
        case APIError.noTokenKeys.code: .noKeys
        case revealFailedCode: .failed
        default: .badRequest
        }
    }

    private static let revealFailedCode = "reveal_failed"

    /// Opens the tokens of the request's text, or throws the `APIError` to answer.
    private static func reveal(_ request: Request, state: ServerState) async throws -> Response {
        // A server built without a bearer token never reveals, whatever its configuration.
        guard state.configuration.revealEnabled, state.configuration.token != nil else {
            throw APIError.revealDisabled
        }
        guard let keys = state.masker.tokenKeys else { throw APIError.noTokenKeys }
        let body = try await JSONBody.decode(RevealRequest.self, from: request, state: state)
        let revealer = TokenRevealer(keys: keys)
        switch Result(catching: { () throws(TokenKeyError) in try revealer.reveal(Array(body.text.utf8)) }) {
        case .success(let revealed):
            return try JSONBody.response(RevealResponse(text: String(decoding: revealed, as: UTF8.self)))
        case .failure(let error):
            // The message names the token's byte offset and key id, never a value.
            throw APIError(.unprocessableContent, code: revealFailedCode, message: "nothing revealed: \(error.description)")
        }
    }
}

extension APIError {
    /// 403: `POST /v1/reveal` is off (the default; `--enable-reveal` with `--token-file`).
    static let revealDisabled = APIError(.forbidden, code: "reveal_disabled",
                                         message: "reveal is off: start the server with --enable-reveal (needs --token-file)")
    /// 403: the request's policy has no token key file, so there is nothing to open tokens with.
    static let noTokenKeys = APIError(.forbidden, code: "no_token_keys",
                                      message: "the rules of this request's policy have no token key file (--token-key-file)")
}
