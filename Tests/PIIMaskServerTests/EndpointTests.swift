import Foundation
import Hummingbird
import HummingbirdTesting
import PIIMask
import Testing

/// Every endpoint of `piimask serve`, against the live server on a loopback port.
@Suite struct EndpointTests {
    static let masker = try! Masker()

    @Test func maskReturnsMaskedTextAndFindings() async throws {
        let harness = try ServerHarness()
        try await harness.run { client in
            let response = try await client.execute(uri: "/v1/mask", method: .post, headers: JSON.headers,
                                                    body: JSON.body(["text": "bel +447966197542 of mail melissa@gmail.com"]))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let body = try #require(try JSON.parse(response.body) as? [String: Any])
            #expect(body["text"] as? String == "bel *********7542 of mail m******@gmail.com")
            let findings = try #require(body["findings"] as? [[String: Any]])
            #expect(findings.map { $0["type"] as? String } == ["phone", "email"])
            #expect(findings[0]["start"] as? Int == 4 && findings[0]["end"] as? Int == 17)
            #expect(findings[0]["masked"] as? String == "*********7542")
            #expect(findings.allSatisfy { ($0["rule"] as? String)?.isEmpty == false })
        }
    }

    @Test func maskAppliesTheFieldPolicy() async throws {
        let harness = try ServerHarness()
        try await harness.run { client in
            let text = "Melissa, call 06-12345678"
            let response = try await client.execute(uri: "/v1/mask", method: .post, headers: JSON.headers,
                                                    body: JSON.body(["text": text, "field": "customer.name"]))
            let body = try #require(try JSON.parse(response.body) as? [String: Any])
            #expect(body["text"] as? String == Self.masker.mask(text, field: "customer.name"))
            #expect(body["text"] as? String == "Melissa, call *******5678")
        }
    }

    @Test func batchKeepsOrder() async throws {
        let harness = try ServerHarness()
        let items = [
            ["text": "mail melissa@gmail.com"],
            ["text": "nothing here"],
            ["text": "+447966197542", "field": "customer.name"],
            ["text": PlantedPII.message],
        ]
        try await harness.run { client in
            let response = try await client.execute(uri: "/v1/mask/batch", method: .post, headers: JSON.headers,
                                                    body: JSON.body(["items": items]))
            #expect(response.status == .ok)
            let body = try #require(try JSON.parse(response.body) as? [String: Any])
            let results = try #require(body["items"] as? [[String: Any]])
            #expect(results.count == items.count)
            for (item, result) in zip(items, results) {
                #expect(result["text"] as? String == Self.masker.mask(item["text"]!, field: item["field"]))
            }
            #expect((results[1]["findings"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func scanReturnsFindingsOnly() async throws {
        let harness = try ServerHarness()
        try await harness.run { client in
            let response = try await client.execute(uri: "/v1/scan", method: .post, headers: JSON.headers,
                                                    body: JSON.body(["text": PlantedPII.message]))
            #expect(response.status == .ok)
            let body = try #require(try JSON.parse(response.body) as? [String: Any])
            #expect(body["text"] == nil)
            let findings = try #require(body["findings"] as? [[String: Any]])
            #expect(Set(findings.compactMap { $0["type"] as? String }) == ["phone", "email", "card", "iban", "ssn"])
            #expect(!PlantedPII.leaks(response.body.text))
        }
    }

    @Test func eventsAreMaskedLikeTheNDJSONFilter() async throws {
        let harness = try ServerHarness()
        let fixture = CLIPaths.packageRoot.appendingPathComponent("fixtures/chat/conversation.ndjson")
        let input = try Data(contentsOf: fixture)
        let expected = try Data(contentsOf: CLIPaths.packageRoot.appendingPathComponent("fixtures/chat/conversation.masked.ndjson"))
        try await harness.run { client in
            let response = try await client.execute(uri: "/v1/events", method: .post,
                                                    headers: [.contentType: "application/x-ndjson"],
                                                    body: ByteBuffer(bytes: input))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/x-ndjson")
            #expect(Data(response.body.readableBytesView) == expected)
        }
    }

    @Test func eventsKeepBytesLineEndsAndFailClosedOnInvalidJSON() async throws {
        let harness = try ServerHarness()
        let input = "{\"n\": 12345678901234567890123, \"message\":{\"text\":\"bel +447966197542\"}}\r\n"
            + "not json, mail melissa@gmail.com\n"
            + "\n"
            + "{\"task\":{\"title\":\"\\u002B447966197542\"}}"
        let expected = input.split(separator: "\n", omittingEmptySubsequences: false)
            .map { Self.masker.maskEvent(String($0)).text }.joined(separator: "\n")
        try await harness.run { client in
            let response = try await client.execute(uri: "/v1/events", method: .post, body: ByteBuffer(string: input))
            #expect(response.body.text == expected)
            #expect(!PlantedPII.leaks(response.body.text))
            #expect(response.body.text.hasPrefix("{\"n\": 12345678901234567890123, "))
            #expect(response.body.text.contains("}\r\n"))
        }
    }

    @Test func eventsStreamLargeBodies() async throws {
        let harness = try ServerHarness()
        let line = "{\"event\":\"message\",\"message\":{\"text\":\"call +447966197542 or mail melissa@gmail.com\"}}\n"
        let masked = Self.masker.maskEvent(String(line.dropLast())).text + "\n"
        let count = 40_000  // about 3.6 MB, many chunks
        try await harness.run { client in
            let response = try await client.execute(uri: "/v1/events", method: .post,
                                                    body: ByteBuffer(string: String(repeating: line, count: count)))
            #expect(response.status == .ok)
            #expect(response.body.readableBytes == masked.utf8.count * count)
            #expect(response.body.text == String(repeating: masked, count: count))
        }
    }

    @Test func rulesListsRulesFieldsAndFieldMap() async throws {
        let harness = try ServerHarness()
        try await harness.run { client in
            let response = try await client.execute(uri: "/v1/rules", method: .get)
            #expect(response.status == .ok)
            let body = try #require(try JSON.parse(response.body) as? [String: Any])
            let rules = try #require(body["rules"] as? [[String: Any]])
            #expect(rules.count == Self.masker.ruleSet.rules.count)
            #expect(Set(rules.compactMap { $0["type"] as? String }).isSuperset(of: ["phone", "email", "card", "iban", "ssn"]))
            let fields = try #require(body["fields"] as? [[String: Any]])
            #expect(fields.compactMap { $0["id"] as? String } == Self.masker.fieldIDs)
            #expect(body["default_field"] as? String == "message.text")
            #expect((body["field_map"] as? [Any])?.isEmpty == false)
        }
    }

    @Test func healthProbes() async throws {
        let harness = try ServerHarness()
        try await harness.run { client in
            let live = try await client.execute(uri: "/health/live", method: .get)
            #expect(live.status == .ok && live.body.text == #"{"status":"live"}"#)
            let ready = try await client.execute(uri: "/health/ready", method: .get)
            #expect(ready.status == .ok && ready.body.text == #"{"status":"ready"}"#)
            harness.readiness.markNotReady()
            let draining = try await client.execute(uri: "/health/ready", method: .get)
            #expect(draining.status == .serviceUnavailable && draining.body.text.contains("\"shutting_down\""))
            #expect(try await client.execute(uri: "/health/live", method: .get).status == .ok)
        }
    }

    @Test func metricsCountMaskingAndRequests() async throws {
        let harness = try ServerHarness()
        try await harness.run { client in
            _ = try await client.execute(uri: "/v1/mask", method: .post, headers: JSON.headers,
                                         body: JSON.body(["text": PlantedPII.message]))
            _ = try await client.execute(uri: "/v1/events", method: .post,
                                         body: ByteBuffer(string: "{\"message\":{\"text\":\"mail melissa@gmail.com\"}}\nnot json\n"))
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            let text = response.body.text
            #expect(text.contains(#"piimask_findings_total{type="email"} 2"#))
            #expect(text.contains(#"piimask_findings_total{type="card"} 1"#))
            #expect(text.contains(#"piimask_rule_findings_total{type="phone",rule="#))
            #expect(text.contains("piimask_invalid_json_total 1"))
            #expect(text.contains(#"piimask_http_requests_total{route="/v1/mask",method="POST",status="200"} 1"#))
            #expect(text.contains("piimask_http_request_duration_seconds_bucket{route=\"/v1/mask\""))
            #expect(text.contains("piimask_bytes_in_total"))
            #expect(!PlantedPII.leaks(text))
        }
    }
}

/// Paths of the package.
enum CLIPaths {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
