import Hummingbird
import PIIMaskService

/// The operational endpoints: rules in effect, reload, health probes and Prometheus metrics.
enum OperationsRoutes {
    static func add<Context: RequestContext>(to router: Router<Context>, state: ServerState) {
        router.get("/v1/rules") { _, _ -> Response in
            try JSONBody.response(RulesResponse(state.masker.current.ruleSet, reloads: state.masker.status))
        }
        router.post("/v1/admin/reload") { _, _ -> Response in
            guard state.configuration.token != nil else {
                throw APIError(.forbidden, code: "admin_disabled",
                               message: "reload over HTTP needs --token-file; send SIGHUP instead")
            }
            switch await state.masker.reload() {
            case .reloaded(let rules, let fields):
                return try JSONBody.response(ReloadResponse(rules: rules, fields: fields))
            case .failed(let error):
                throw APIError(.unprocessableContent, code: "rule_error",
                               message: "rules not reloaded, the previous rules stay in effect: \(error.description)")
            }
        }
        router.get("/health/live") { _, _ -> Response in
            try JSONBody.response(HealthResponse(status: "live"))
        }
        router.get("/health/ready") { _, _ -> Response in
            guard state.readiness.isReady else {
                throw APIError(.serviceUnavailable, code: "shutting_down", message: "the server is shutting down")
            }
            return try JSONBody.response(HealthResponse(status: "ready"))
        }
        router.get("/metrics") { _, _ -> Response in
            var text: [UInt8] = []
            state.registry.emit(into: &text)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: text)))
        }
    }
}
