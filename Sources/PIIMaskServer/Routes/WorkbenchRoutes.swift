import Hummingbird

/// `GET /`, `/workbench.css` and `/workbench.js`: the rule workbench, built into the binary.
///
/// The page holds no data, so it is served without the bearer token (the page asks for the
/// token and sends it with each API request). Its Content-Security-Policy lets it load and
/// connect to this server only: no CDN, no web font, no request to another origin.
enum WorkbenchRoutes {
    /// The paths served without the bearer token.
    static let paths: Set<String> = ["/", "/workbench.css", "/workbench.js"]

    /// Only this server: scripts, styles and requests from the page's own origin.
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; "
        + "connect-src 'self'; img-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"

    static func add<Context: RequestContext>(to router: Router<Context>) {
        router.get("/") { _, _ in asset(WorkbenchPage.html, type: "text/html; charset=utf-8") }
        router.get("/workbench.css") { _, _ in asset(WorkbenchStyle.css, type: "text/css; charset=utf-8") }
        router.get("/workbench.js") { _, _ in asset(WorkbenchScript.js, type: "text/javascript; charset=utf-8") }
    }

    private static func asset(_ text: String, type: String) -> Response {
        var headers: HTTPFields = [.contentType: type, .contentSecurityPolicy: contentSecurityPolicy,
                                   .xContentTypeOptions: "nosniff", .cacheControl: "no-cache"]
        headers[.init("Referrer-Policy")!] = "no-referrer"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
