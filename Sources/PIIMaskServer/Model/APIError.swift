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
            case .methodNotAllowed: return .methodNotAllowed
            case .contentTooLarge: return .bodyTooLarge
            case .badRequest: return APIError(.badRequest, code: "bad_request", message: "malformed request")
            default: return APIError(error.status, code: "http_\(error.status.code)", message: error.status.reasonPhrase)
            }
        }
        if error is DecodingError || error is RequestKeys.UnknownKey { return .invalidBody(error) }
        return APIError(.internalServerError, code: "internal", message: "internal error")
    }

    /// 413: the body is over `--max-body`.
    static let bodyTooLarge = APIError(.contentTooLarge, code: "body_too_large", message: "request body is larger than the server's --max-body")
    /// 400: the body does not decode as this endpoint's JSON. The message says what is
    /// wrong where — a missing key, a value of the wrong type, a key the endpoint does not
    /// define — by the keys and indices of the endpoint's schema only, never a value or a
    /// key of the request.
    static func invalidBody(_ error: any Error) -> APIError {
        let problem: String
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            problem = "missing key `\(path(context.codingPath + [key]))`"
        case DecodingError.typeMismatch(let type, let context), DecodingError.valueNotFound(let type, let context):
            problem = context.codingPath.isEmpty
                ? "the body must be a JSON object"
                : "`\(path(context.codingPath))` must be \(kind(type))"
        case let unknown as RequestKeys.UnknownKey:
            let place = unknown.codingPath.isEmpty ? "the body" : "`\(path(unknown.codingPath))`"
            problem = "\(place) has a key this endpoint does not define (expected \(unknown.expected.joined(separator: ", ")))"
        default:
            problem = "not valid JSON"
        }
        return APIError(.badRequest, code: "invalid_body", message: "invalid request body: \(problem) (see docs/openapi.yaml)")
    }

    /// How the schema's type of a value is called.
    private static func kind(_ type: Any.Type) -> String {
        if type == String.self { return "a string" }
        return String(describing: type).hasPrefix("Array") ? "an array" : "an object"
    }

    /// `items[0].text`: a coding path of the endpoint's schema.
    private static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    /// 400: a `field` that names no field category.
    static func unknownField(at path: String, valid: [String]) -> APIError {
        APIError(.badRequest, code: "unknown_field",
                 message: "`\(path)` names no field category; valid ones: \(valid.joined(separator: ", "))")
    }

    /// 405: the endpoint exists, but not for this method.
    static let methodNotAllowed = APIError(.methodNotAllowed, code: "method_not_allowed",
                                           message: "method not allowed on this endpoint (the Allow header lists those that are)")
}
