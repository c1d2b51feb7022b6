import Hummingbird
import Synchronization

/// Bounds the request bodies the JSON endpoints hold at once (`--max-body-in-flight`), so
/// that the server's memory has a bound whatever its clients send: each POST but
/// `/v1/events` (which holds one line at a time) reserves its `Content-Length`, or
/// `--max-body` when the length is not declared, until its response is written; a request
/// whose reservation does not fit gets 503 `overloaded` at once, before its body is read.
struct BodyBudgetMiddleware<Context: RequestContext>: RouterMiddleware {
    private let budget: Int
    private let maxBody: Int
    private let reserved = Reserved()

    private final class Reserved: Sendable {
        let bytes = Atomic<Int>(0)
    }

    /// A budget of `budget` bytes of bodies at once, each body counted as at most `maxBody`.
    init(budget: Int, maxBody: Int) {
        self.budget = budget
        self.maxBody = maxBody
    }

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, request.uri.path != "/v1/events" else { return try await next(request, context) }
        let declared = request.headers[.contentLength].flatMap(Int.init) ?? maxBody
        let size = min(max(declared, 0), maxBody)
        guard size > 0 else { return try await next(request, context) }
        let reserved = reserved
        guard reserved.bytes.add(size, ordering: .relaxed).newValue <= budget else {
            reserved.bytes.subtract(size, ordering: .relaxed)
            throw APIError(.serviceUnavailable, code: "overloaded",
                           message: "the request bodies in progress would exceed --max-body-in-flight")
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            reserved.bytes.subtract(size, ordering: .relaxed)
            throw error
        }
        response.onCompletion { _ in reserved.bytes.subtract(size, ordering: .relaxed) }
        return response
    }
}
