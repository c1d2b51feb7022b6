import Foundation
import Hummingbird

/// An error answered as JSON: `{"error": {"code": "...", "message": "..."}}`.
///
/// Messages are written here or name rule files; they never quote request input.
public struct APIError: Error, HTTPResponseError, Sendable {
    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// A stable machine-readable code (`body_too_large`, `unauthorized`, …).
    public let code: String
    /// A human-readable explanation that never quotes the request.
    public let message: String

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// The JSON response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        let body = try JSONEncoder().encode(ErrorBody(error: .init(code: code, message: message)))
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    private struct ErrorBody: Encodable {
        struct Detail: Encodable {
            let code: String
            let message: String
        }
        let error: Detail
    }
}

extension APIError {
    /// The JSON error for any error a handler or Hummingbird threw: `APIError` as it is,
    /// Hummingbird's and NIO's HTTP errors by their status, anything else a 500. The
    /// original error's text is never used (it could quote input).
    static func from(_ error: any Error) -> APIError {
        if let error = error as? APIError { return error }
        if let error = error as? any HTTPResponseError {
            switch error.status {
            case .notFound: return APIError(.notFound, code: "not_found", message: "no such endpoint")
            case .methodNotAllowed: return APIError(.methodNotAllowed, code: "method_not_allowed", message: "method not allowed on this endpoint")
            case .contentTooLarge: return .bodyTooLarge
            case .badRequest: return APIError(.badRequest, code: "bad_request", message: "malformed request")
            default: return APIError(error.status, code: "http_\(error.status.code)", message: error.status.reasonPhrase)
            }
        }
        if error is DecodingError { return .invalidBody }
        return APIError(.internalServerError, code: "internal", message: "internal error")
    }

    /// 413: the body is over `--max-body`.
    static let bodyTooLarge = APIError(.contentTooLarge, code: "body_too_large", message: "request body is larger than the server's --max-body")
    /// 400: the body does not decode as this endpoint's JSON.
    static let invalidBody = APIError(.badRequest, code: "invalid_body", message: "request body is not valid JSON of this endpoint's shape (see docs/openapi.yaml)")
}
