import Hummingbird

/// Turns every error thrown further in (unknown route, body too large, bad JSON, anything
/// else) into a JSON error response with a code and a message that never quotes input.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try APIError.from(error).response(from: request, context: context)
        }
    }
}
