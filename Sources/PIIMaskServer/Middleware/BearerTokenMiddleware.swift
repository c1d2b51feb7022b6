import Crypto
import Hummingbird

/// Requires `Authorization: Bearer <token>` on every request but the health probes and the
/// workbench page's assets (`WorkbenchRoutes.paths`, which hold no data); otherwise 401 with
/// a JSON error.
///
/// The presented token and the expected one are compared as SHA-256 digests with
/// swift-crypto's digest equality, which is constant-time: the time taken does not depend
/// on how much of the token matched.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    private let expected: SHA256Digest

    init(token: String) {
        expected = SHA256.hash(data: Array(token.utf8))
    }

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path == "/health/live" || path == "/health/ready" || (request.method == .get && WorkbenchRoutes.paths.contains(path)) {
            return try await next(request, context)
        }
        guard let header = request.headers[.authorization], header.utf8.count > 7,
              header.prefix(7).lowercased() == "bearer "
        else {
            throw APIError(.unauthorized, code: "unauthorized", message: "missing bearer token")
        }
        let presented = SHA256.hash(data: Array(header.utf8.dropFirst(7)))
        guard presented == expected else {
            throw APIError(.unauthorized, code: "unauthorized", message: "invalid bearer token")
        }
        return try await next(request, context)
    }
}
