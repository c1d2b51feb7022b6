import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Body limits, timeouts, the concurrency bound, bearer tokens and JSON errors that never
/// quote input.
@Suite struct LimitsAndAuthTests {
    /// Checks a JSON error: status, code, and no input in it.
    static func expectError(_ response: TestResponse, _ status: HTTPResponse.Status, code: String,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(response.status == status, sourceLocation: sourceLocation)
        #expect(response.headers[.contentType] == "application/json", sourceLocation: sourceLocation)
        let body = try #require(try JSON.parse(response.body) as? [String: Any], sourceLocation: sourceLocation)
        let error = try #require(body["error"] as? [String: Any], sourceLocation: sourceLocation)
        #expect(error["code"] as? String == code, sourceLocation: sourceLocation)
        #expect((error["message"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(!PlantedPII.leaks(response.body.text), sourceLocation: sourceLocation)
    }

    @Test func bodyOverTheLimitIs413() async throws {
        let harness = try ServerHarness { $0.maxBodyBytes = 1024 }
        try await harness.run { client in
            let text = String(repeating: PlantedPII.message + " ", count: 20)
            let response = try await client.execute(uri: "/v1/mask", method: .post, headers: JSON.headers,
                                                    body: JSON.body(["text": text]))
            try Self.expectError(response, .contentTooLarge, code: "body_too_large")
            let small = try await client.execute(uri: "/v1/mask", method: .post, headers: JSON.headers,
                                                 body: JSON.body(["text": PlantedPII.message]))
            #expect(small.status == .ok)
        }
    }

    @Test func eventLineOverTheLimitEndsTheStreamWithoutIt() async throws {
        let harness = try ServerHarness { $0.maxBodyBytes = 1024 }
        try await harness.run { client in
            let port = try #require(client.port)
            let first = "{\"message\":{\"text\":\"mail melissa@gmail.com\"}}\n"
            let long = "{\"message\":{\"text\":\"" + String(repeating: PlantedPII.message + " ", count: 40) + "\"}}\n"
            let body = first + long + first
            let connection = try RawConnection(port: port)
            try connection.send("POST /v1/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
            let reply = try await connection.readAll()
            #expect(reply.hasPrefix("HTTP/1.1 200"))
            #expect(reply.contains("m******@gmail.com"), "the line before the long one is written")
            #expect(!reply.hasSuffix("\r\n0\r\n\r\n"), "the stream does not end normally")
            #expect(!PlantedPII.leaks(reply))
            #expect(!reply.contains("*******6789"), "nothing of the long line is written")
        }
    }

    @Test func malformedJSONIs400WithoutQuotingIt() async throws {
        let harness = try ServerHarness()
        try await harness.run { client in
            let broken = ByteBuffer(string: "{\"text\": \"\(PlantedPII.message)\", oops}")
            try Self.expectError(try await client.execute(uri: "/v1/mask", method: .post, headers: JSON.headers, body: broken),
                                 .badRequest, code: "invalid_body")
            let wrongType = try JSON.body(["text": 4111111111111111])
            try Self.expectError(try await client.execute(uri: "/v1/mask", method: .post, headers: JSON.headers, body: wrongType),
                                 .badRequest, code: "invalid_body")
            let missing = try JSON.body(["items": [["field": PlantedPII.email]]])
            try Self.expectError(try await client.execute(uri: "/v1/mask/batch", method: .post, headers: JSON.headers, body: missing),
                                 .badRequest, code: "invalid_body")
        }
    }

    /// A 400 says what is wrong with the body — the missing key, the key of the wrong type,
    /// a key the endpoint does not define — by the schema's names only.
    @Test func invalidBodiesNameTheKeyAtFault() async throws {
        let harness = try ServerHarness()
        try await harness.run { client in
            func message(_ uri: String, _ body: ByteBuffer) async throws -> String {
                let response = try await client.execute(uri: uri, method: .post, headers: JSON.headers, body: body)
                try Self.expectError(response, .badRequest, code: "invalid_body")
                let error = try #require((try JSON.parse(response.body) as? [String: Any])?["error"] as? [String: Any])
                return try #require(error["message"] as? String)
            }
            #expect(try await message("/v1/mask", JSON.body(["txt": "x"])).contains("missing key `text`"))
            #expect(try await message("/v1/scan", JSON.body(["text": 5])).contains("`text` must be a string"))
            #expect(try await message("/v1/mask/batch", JSON.body(["items": [["text": "a"], ["field": "task.title"]]]))
                .contains("missing key `items[1].text`"))
            let unknown = try await message("/v1/mask", JSON.body(["text": PlantedPII.message, "feild": "task.title"]))
            #expect(unknown.contains("the body has a key this endpoint does not define (expected text, field, conversation_id)"))
            #expect(!unknown.contains("feild"), "the request's key is not quoted")
            #expect(try await message("/v1/mask", ByteBuffer(string: "[1]")).contains("the body must be a JSON object"))
        }
    }

    /// An unknown field category is refused (400 `unknown_field`) on every endpoint that
    /// takes one, as `piimask --field` refuses it: never masked under another policy silently.
    @Test func unknownFieldCategoriesAreRefused() async throws {
        let harness = try ServerHarness()
        try await harness.run { client in
            for uri in ["/v1/mask", "/v1/scan"] {
                let response = try await client.execute(uri: uri, method: .post, headers: JSON.headers,
                                                        body: JSON.body(["text": PlantedPII.message, "field": "mesage.text"]))
                try Self.expectError(response, .badRequest, code: "unknown_field")
                #expect(response.body.text.contains("valid ones: task.title,"))
                #expect(!response.body.text.contains("mesage"))
            }
            let batch = try await client.execute(uri: "/v1/mask/batch", method: .post, headers: JSON.headers, body: JSON.body(
                ["items": [["text": PlantedPII.message, "field": "task.title"], ["text": PlantedPII.message, "field": "nope"]]]))
            try Self.expectError(batch, .badRequest, code: "unknown_field")
            #expect(batch.body.text.contains("`items[1].field` names no field category"))
            let known = try await client.execute(uri: "/v1/mask", method: .post, headers: JSON.headers,
                                                 body: JSON.body(["text": "x", "field": "customer.name"]))
            #expect(known.status == .ok)
        }
    }

    @Test func unknownPathsAndMethodsAreJSONErrorsAndNotLogged() async throws {
        let harness = try ServerHarness()
        try await harness.run { client in
            try Self.expectError(try await client.execute(uri: "/v1/\(PlantedPII.phone)?q=\(PlantedPII.ssn)", method: .get),
                                 .notFound, code: "not_found")
            // A known endpoint with the wrong method is 405, naming the method it takes.
            for (uri, method, allowed) in [("/v1/mask", HTTPRequest.Method.get, "POST"), ("/v1/mask/batch", .put, "POST"),
                                           ("/v1/scan", .get, "POST"), ("/v1/events", .get, "POST"),
                                           ("/v1/rules", .post, "GET"), ("/metrics", .delete, "GET")] {
                let wrongMethod = try await client.execute(uri: uri, method: method)
                try Self.expectError(wrongMethod, .methodNotAllowed, code: "method_not_allowed")
                #expect(wrongMethod.headers[.allow] == allowed, "\(method) \(uri)")
            }
        }
        let lines = harness.log.all.filter { $0.contains("request") }
        #expect(lines.contains { $0.contains("path=(unmatched)") && $0.contains("status=404") })
        #expect(!lines.contains { PlantedPII.leaks($0) || $0.contains("7542") })
    }

    @Test func oneLogLinePerRequestWithoutBodies() async throws {
        let harness = try ServerHarness()
        try await harness.run { client in
            _ = try await client.execute(uri: "/v1/mask", method: .post, headers: JSON.headers,
                                         body: JSON.body(["text": PlantedPII.message]))
            _ = try await client.execute(uri: "/v1/events", method: .post,
                                         body: ByteBuffer(string: "{\"message\":{\"text\":\"\(PlantedPII.message)\"}}\n"))
            _ = try await client.execute(uri: "/v1/mask", method: .post, headers: JSON.headers,
                                         body: ByteBuffer(string: "{\"text\": \(PlantedPII.card)"))
        }
        let requests = harness.log.all.filter { $0.hasPrefix("info request ") }
        #expect(requests.count == 3)
        for line in requests {
            for key in ["method=", "path=", "status=", "bytes=", "us="] { #expect(line.contains(key)) }
        }
        #expect(requests[0].contains("path=/v1/mask") && requests[0].contains("status=200"))
        #expect(requests[1].contains("path=/v1/events") && requests[1].contains("status=200"))
        #expect(requests[2].contains("status=400"))
        #expect(!harness.log.all.contains { PlantedPII.leaks($0) })
    }

    @Test func bearerTokenIsRequiredExceptForHealth() async throws {
        let harness = try ServerHarness { $0.token = "s3cret-token" }
        try await harness.run { client in
            let body = try JSON.body(["text": PlantedPII.message])
            try Self.expectError(try await client.execute(uri: "/v1/mask", method: .post, headers: JSON.headers, body: body),
                                 .unauthorized, code: "unauthorized")
            var wrong = JSON.headers
            wrong[.authorization] = "Bearer s3cret-tokeN"
            try Self.expectError(try await client.execute(uri: "/v1/mask", method: .post, headers: wrong, body: body),
                                 .unauthorized, code: "unauthorized")
            wrong[.authorization] = "Basic s3cret-token"
            try Self.expectError(try await client.execute(uri: "/metrics", method: .get, headers: wrong),
                                 .unauthorized, code: "unauthorized")
            var right = JSON.headers
            right[.authorization] = "Bearer s3cret-token"
            #expect(try await client.execute(uri: "/v1/mask", method: .post, headers: right, body: body).status == .ok)
            #expect(try await client.execute(uri: "/health/live", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/health/ready", method: .get).status == .ok)
        }
    }

    @Test func slowBodyGets408() async throws {
        let harness = try ServerHarness { $0.requestTimeout = .milliseconds(300) }
        try await harness.run { client in
            let port = try #require(client.port)
            let connection = try RawConnection(port: port)
            try connection.send("POST /v1/mask HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"text\":")
            let reply = try await connection.readAll()
            #expect(reply.hasPrefix("HTTP/1.1 408"))
            #expect(reply.contains("\"request_timeout\""))
        }
    }

    /// With every slot held by a slow `/v1/events` body (8 of 8, as an orchestrator's probe
    /// would meet a loaded server), both health probes still answer 200, again and again.
    @Test func healthProbesAreNeverRefusedByTheConcurrencyBound() async throws {
        let harness = try ServerHarness { $0.maxConcurrentRequests = 8 }
        try await harness.run { client in
            let port = try #require(client.port)
            var holders: [RawConnection] = []
            for _ in 0..<8 {
                let holder = try RawConnection(port: port)
                try holder.send("POST /v1/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n")
                try holder.send("2d\r\n{\"message\":{\"text\":\"mail melissa@gmail.com\"}}\r\n")
                holders.append(holder)
            }
            // Every slot is taken once a ninth request is refused.
            var refused = false
            for _ in 0..<200 where !refused {
                refused = try await client.execute(uri: "/v1/rules", method: .get).status == .serviceUnavailable
                if !refused { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(refused)
            for _ in 0..<20 {
                #expect(try await client.execute(uri: "/health/live", method: .get).status == .ok)
                #expect(try await client.execute(uri: "/health/ready", method: .get).status == .ok)
            }
            for holder in holders {
                try holder.send("0\r\n\r\n")
                #expect(try await holder.readAll().hasPrefix("HTTP/1.1 200"))
            }
        }
    }

    @Test func requestsOverTheConcurrencyBoundGet503() async throws {
        let harness = try ServerHarness { $0.maxConcurrentRequests = 1 }
        try await harness.run { client in
            let port = try #require(client.port)
            // An events stream whose body has not ended holds the only slot.
            let holder = try RawConnection(port: port)
            try holder.send("POST /v1/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n")
            try holder.send("2d\r\n{\"message\":{\"text\":\"mail melissa@gmail.com\"}}\r\n")
            try await Task.sleep(for: .milliseconds(200))
            try Self.expectError(try await client.execute(uri: "/v1/rules", method: .get), .serviceUnavailable, code: "overloaded")
            // The health probes are never refused by the bound.
            #expect(try await client.execute(uri: "/health/live", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/health/ready", method: .get).status == .ok)
            try holder.send("0\r\n\r\n")
            let reply = try await holder.readAll()
            #expect(reply.hasPrefix("HTTP/1.1 200"))
            #expect(reply.contains("m******@gmail.com"))
            try await Task.sleep(for: .milliseconds(100))
            #expect(try await client.execute(uri: "/v1/rules", method: .get).status == .ok)
        }
    }

    /// `--max-body-in-flight`: a body that does not fit beside the ones being read gets 503
    /// before it is read; once they are answered, the same request is served.
    @Test func bodiesOverTheInFlightBudgetGet503() async throws {
        let harness = try ServerHarness {
            $0.maxBodyBytes = 1 << 20
            $0.maxBodyBytesInFlight = 1 << 20
        }
        try await harness.run { client in
            let port = try #require(client.port)
            // A body of exactly the budget (1 MiB), declared and not yet sent, holds all of it.
            let frame = try JSON.body(["text": "bel 0612345678 "]).readableBytes
            let body = try JSON.body(["text": "bel 0612345678 " + String(repeating: "x", count: (1 << 20) - frame)])
            #expect(body.readableBytes == 1 << 20)
            let head = "POST /v1/mask HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: \(body.readableBytes)\r\n\r\n"
            // The holder's head must be taken before a probe holds a few bytes of the budget
            // (then the holder itself is refused): give it time, and start over with a new
            // holder when the probe still got through.
            var holder = try RawConnection(port: port)
            var refused = false
            for attempt in 0..<20 where !refused {
                if attempt > 0 { holder = try RawConnection(port: port) }
                try holder.send(head)
                try await Task.sleep(for: .milliseconds(100))
                let response = try await client.execute(uri: "/v1/mask", method: .post, headers: JSON.headers,
                                                        body: try JSON.body(["text": "bel 0612345678"]))
                refused = response.status == .serviceUnavailable
                if refused { try Self.expectError(response, .serviceUnavailable, code: "overloaded") }
            }
            #expect(refused)
            try holder.send(String(buffer: body))
            let reply = try await holder.readAll()
            #expect(reply.hasPrefix("HTTP/1.1 200"))
            #expect(reply.contains("******5678"))
            try await Task.sleep(for: .milliseconds(100))
            let after = try await client.execute(uri: "/v1/mask", method: .post, headers: JSON.headers,
                                                 body: try JSON.body(["text": "bel 0612345678"]))
            #expect(after.status == .ok)
        }
    }
}
