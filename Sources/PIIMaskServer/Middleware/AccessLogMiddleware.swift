import CoreMetrics
import Dispatch
import Hummingbird
import Logging
import Synchronization

/// Observes every completed request: one log line at info (method, route, status, body
/// bytes, µs — never a body, a query string or a raw path) and the request metrics
/// `piimask_http_requests_total{route,method,status}` and
/// `piimask_http_request_duration_seconds{route}`.
///
/// The route is the matched endpoint (`/v1/mask`), or `(unmatched)`: a raw path could carry
/// input. Time runs until the response is handed to the server; for a streamed body
/// (`/v1/events`) until its last byte is written.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger
    let metrics: RequestMetrics

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let route = context.endpointPath ?? "(unmatched)"
        let method = request.method
        let logger = logger
        let metrics = metrics
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = try APIError.from(error).response(from: request, context: context)
        }
        let status = response.status.code
        response.onCompletion { bytes in
            let nanoseconds = DispatchTime.now().uptimeNanoseconds - start
            metrics.record(route: route, method: method, status: status, nanoseconds: nanoseconds)
            logger.info("request", metadata: [
                "method": "\(method)",
                "path": "\(route)",
                "status": .stringConvertible(status),
                "bytes": .stringConvertible(bytes),
                "us": .stringConvertible(nanoseconds / 1000),
            ])
        }
        return response
    }
}

/// Request counters and latency timers, created once per label set.
final class RequestMetrics: Sendable {
    private let factory: any MetricsFactory
    private let counters = Mutex<[CounterKey: Counter]>([:])
    private let timers = Mutex<[String: CoreMetrics.Timer]>([:])

    private struct CounterKey: Hashable {
        let route: String
        let method: HTTPRequest.Method
        let status: Int
    }

    init(factory: any MetricsFactory) {
        self.factory = factory
    }

    func record(route: String, method: HTTPRequest.Method, status: Int, nanoseconds: UInt64) {
        let key = CounterKey(route: route, method: method, status: status)
        let counter = counters.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = Counter(label: "piimask_http_requests_total",
                                  dimensions: [("route", route), ("method", method.rawValue), ("status", "\(status)")],
                                  factory: factory)
            counters[key] = counter
            return counter
        }
        counter.increment()
        let timer = timers.withLock { timers in
            if let timer = timers[route] { return timer }
            let timer = CoreMetrics.Timer(label: "piimask_http_request_duration_seconds",
                                          dimensions: [("route", route)], factory: factory)
            timers[route] = timer
            return timer
        }
        timer.recordNanoseconds(nanoseconds)
    }
}
