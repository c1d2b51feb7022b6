import Foundation
import Hummingbird

/// Reading and writing the JSON bodies of the API.
enum JSONBody {
    /// Reads the whole body (at most `state.configuration.maxBodyBytes`, within the request
    /// timeout) and decodes it as `T`.
    ///
    /// - Throws: `APIError` 413 when the body is too large (by `Content-Length` before
    ///   reading, or while reading), 408 when it has not arrived in time, 400 when it is not
    ///   `T`'s JSON (the message says which key is missing or wrong).
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, state: ServerState) async throws -> T {
        let limit = state.configuration.maxBodyBytes
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw APIError.bodyTooLarge
        }
        let body = request.body
        let timeout = state.configuration.requestTimeout
        let buffer = try await withThrowingTaskGroup(of: ByteBuffer.self) { group in
            group.addTask { try await body.collect(upTo: limit) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw APIError.requestTimeout
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw APIError.invalidBody(error)
        }
    }

    /// A 200 response with `value` as JSON.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension APIError {
    /// 408: the body did not arrive within the request timeout.
    static let requestTimeout = APIError(.requestTimeout, code: "request_timeout", message: "request body did not arrive within the server's --request-timeout")
}
