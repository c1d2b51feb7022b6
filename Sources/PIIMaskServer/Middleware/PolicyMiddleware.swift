import Hummingbird
import HTTPTypes

/// Selects the policy of a request: the header `Piimask-Policy: NAME` on every endpoint, or
/// the query `policy=NAME` on `GET /v1/rules`. No name: the default rules. A name the server
/// was not started with gets 400 `unknown_policy`, which never repeats the name.
///
/// The handler runs with `PolicyScope.current` set, and so does the writing of a streamed
/// response body (`/v1/mask/batch`, `/v1/events`), so that `ServerState.masker` and
/// `ServerState.metrics` are the policy's throughout.
struct PolicyMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The policies by name.
    let policies: [String: ServedPolicy]

    /// The request header that names a policy.
    static var header: HTTPField.Name { HTTPField.Name("Piimask-Policy")! }

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        var name = request.headers[Self.header]
        if request.uri.path == "/v1/rules", let query = request.uri.queryParameters.get("policy") { name = query }
        guard let name else { return try await next(request, context) }
        guard let policy = policies[name] else {
            throw APIError(.badRequest, code: "unknown_policy",
                           message: "the Piimask-Policy header (or the policy query) names no policy this server was started with (--policy NAME=PATH)")
        }
        var response = try await PolicyScope.$current.withValue(policy) { try await next(request, context) }
        guard response.body.contentLength == nil else { return response }
        let body = response.body
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            try await PolicyScope.$current.withValue(policy) { try await body.write(writer) }
        }
        return response
    }
}
