import Hummingbird

/// 405 with an `Allow` header for a method an endpoint does not take (`GET /v1/mask`),
/// rather than the router's 404 for a path it does know.
enum MethodRoutes {
    /// Every endpoint and the one method it takes.
    static let endpoints: [(path: RouterPath, method: HTTPRequest.Method)] = [
        ("/v1/mask", .post), ("/v1/mask/batch", .post), ("/v1/scan", .post), ("/v1/events", .post),
        ("/v1/rules", .get), ("/v1/rules/test", .post), ("/v1/explain", .post), ("/v1/admin/reload", .post),
        ("/v1/reveal", .post),
        ("/health/live", .get), ("/health/ready", .get), ("/metrics", .get),
        ("/", .get), ("/workbench.css", .get), ("/workbench.js", .get),
    ]

    /// The methods answered with 405 where an endpoint does not take them.
    static let methods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]

    static func add<Context: RequestContext>(to router: Router<Context>) {
        for endpoint in endpoints {
            for method in methods where method != endpoint.method {
                router.on(endpoint.path, method: method) { request, context -> Response in
                    var response = try APIError.methodNotAllowed.response(from: request, context: context)
                    response.headers[.allow] = endpoint.method.rawValue
                    return response
                }
            }
        }
    }
}
