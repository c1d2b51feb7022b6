import Foundation
import Hummingbird
import NIOFoundationCompat

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
            // The Data shares the buffer's bytes (no second copy of the body).
            let data = buffer.getData(at: buffer.readerIndex, length: buffer.readableBytes, byteTransferStrategy: .noCopy)!
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw APIError.invalidBody(error)
        }
    }

    /// A 200 response with `value` as JSON.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A 200 response `{"KEY":[E0,E1,…]}` whose `count` elements are made by `element` and
    /// encoded one at a time while the body is written, so only one is held at once; the
    /// bytes are those `response` writes for the whole object.
    static func streamedResponse<Element: Encodable>(key: String, count: Int,
                                                     element: @escaping @Sendable (Int) -> Element) -> Response {
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(bytes: try encoder.encode([key: [Element]()]).dropLast(2)))
            var chunk = ByteBuffer()
            for index in 0..<count {
                if index > 0 { chunk.writeInteger(UInt8(ascii: ",")) }
                chunk.writeBytes(try encoder.encode(element(index)))
                if chunk.readableBytes >= 64 * 1024 {
                    try await writer.write(chunk)
                    chunk = ByteBuffer()
                }
            }
            chunk.writeBytes("]}".utf8)
            try await writer.write(chunk)
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: body)
    }

    /// The API's encoder: slashes as they are.
    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }
}

extension APIError {
    /// 408: the body did not arrive within the request timeout.
    static let requestTimeout = APIError(.requestTimeout, code: "request_timeout", message: "request body did not arrive within the server's --request-timeout")
}
