import Hummingbird
import Synchronization

/// Bounds the requests in progress (a streamed response counts until its last byte); a
/// request over the bound gets 503 `overloaded` at once instead of queueing. The health
/// probes (`/health/*`) are neither counted nor refused: an orchestrator must not take a
/// busy server for a dead one.
struct ConcurrencyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    private let limit: Int
    private let inFlight = InFlight()

    private final class InFlight: Sendable {
        let count = Atomic<Int>(0)
    }

    init(limit: Int) {
        self.limit = limit
    }

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path.hasPrefix("/health/") { return try await next(request, context) }
        let inFlight = inFlight
        guard inFlight.count.add(1, ordering: .relaxed).newValue <= limit else {
            inFlight.count.subtract(1, ordering: .relaxed)
            throw APIError(.serviceUnavailable, code: "overloaded",
                           message: "too many requests in progress (--max-concurrent-requests)")
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            inFlight.count.subtract(1, ordering: .relaxed)
            throw error
        }
        response.onCompletion { _ in inFlight.count.subtract(1, ordering: .relaxed) }
        return response
    }
}
