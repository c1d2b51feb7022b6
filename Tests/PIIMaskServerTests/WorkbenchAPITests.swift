import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `POST /v1/explain` and `POST /v1/rules/test`, the workbench's endpoints, on the live server.
@Suite struct WorkbenchAPITests {
    static let draft = """
        version: 1
        rules:
          - id: order.number
            type: order
            priority: 50
            pattern: 'ORD-[0-9]{8}'
            mask: {label: "[ORDER]"}
            examples:
              match: ["order ORD-12345678 shipped"]
              no_match: ["ORD-1234"]
        fields:
          - {id: message.text, detect_add: [order]}
        """

    @Test func explainSaysWhyAnOrderNumberWasNotMaskedAndQuotesNothing() async throws {
        let harness = try ServerHarness()
        let text = "My order number is 8405217736, call +44 7700 900461"
        try await harness.run { client in
            let response = try await client.execute(uri: "/v1/explain", method: .post, headers: JSON.headers,
                                                    body: JSON.body(["text": text, "start": 19, "end": 29]))
            #expect(response.status == .ok)
            #expect(!response.body.text.contains("8405217736") && !response.body.text.contains("900461"))
            let body = try #require(try JSON.parse(response.body) as? [String: Any])
            #expect(body["start"] as? Int == 19 && body["end"] as? Int == 29 && body["field"] as? String == "message.text")
            #expect((body["masked"] as? [Any])?.isEmpty == true)
            let candidates = try #require(body["candidates"] as? [[String: Any]])
            #expect(candidates.count == 1 && candidates[0]["kind"] as? String == "digits" && candidates[0]["digits"] as? Int == 10)
            let decisions = try #require(candidates[0]["decisions"] as? [[String: Any]])
            #expect(decisions.contains { $0["type"] as? String == "phone" && $0["reason"] as? String == "deny_word_nearer" })
            // The phone after it is masked, and explained as such.
            let phone = try await client.execute(uri: "/v1/explain", method: .post, headers: JSON.headers,
                                                 body: JSON.body(["text": text, "start": 36, "end": 51]))
            let phoneBody = try #require(try JSON.parse(phone.body) as? [String: Any])
            #expect((phoneBody["masked"] as? [[String: Any]])?.first?["masked"] as? String == "*********0461")
        }
        #expect(!harness.log.all.joined().contains("8405217736"))
    }

    @Test func explainRefusesARangeOutsideTheTextAnUnknownFieldAndATooLongText() async throws {
        let harness = try ServerHarness()
        try await harness.run { client in
            for (body, code) in [(["text": "abc", "start": 2, "end": 9] as [String: Any], "invalid_range"),
                                 (["text": "abc", "start": 2, "end": 2], "invalid_range"),
                                 (["text": "abc", "start": 0, "end": 1, "field": "no.such"], "unknown_field"),
                                 (["text": String(repeating: "1", count: 70_000), "start": 0, "end": 1], "text_too_long"),
                                 (["text": "abc", "start": 0], "invalid_body")] {
                let response = try await client.execute(uri: "/v1/explain", method: .post, headers: JSON.headers,
                                                        body: JSON.body(body))
                #expect(response.status == .badRequest)
                let error = try #require(try JSON.parse(response.body) as? [String: Any])
                #expect((error["error"] as? [String: Any])?["code"] as? String == code, "\(body.keys.sorted())")
                #expect(!response.body.text.contains("abc"))
            }
        }
    }

    @Test func aDraftRunsItsExamplesAppliesToTheSampleAndIsNeverInstalled() async throws {
        let harness = try ServerHarness()
        try await harness.run { client in
            let response = try await client.execute(uri: "/v1/rules/test", method: .post, headers: JSON.headers,
                                                    body: JSON.body(["rules": Self.draft, "text": "ORD-11112222 and +447966197542"]))
            #expect(response.status == .ok)
            let body = try #require(try JSON.parse(response.body) as? [String: Any])
            #expect(body["valid"] as? Bool == true && body["installed"] as? Bool == false && body["complete"] as? Bool == true)
            #expect(body["rules"] as? [String] == ["order.number"])
            let examples = try #require(body["examples"] as? [[String: Any]])
            #expect(examples.map { $0["passed"] as? Bool } == [true, true])
            let sample = try #require(body["sample"] as? [String: Any])
            #expect(sample["text"] as? String == "[ORDER] and *********7542")
            let findings = try #require(sample["findings"] as? [[String: Any]])
            #expect(findings.map { $0["draft"] as? Bool } == [true, false])
            let rules = try await client.execute(uri: "/v1/rules", method: .get)
            #expect(!rules.body.text.contains("order.number"), "the draft was installed")
            let masked = try await client.execute(uri: "/v1/mask", method: .post, headers: JSON.headers,
                                                  body: JSON.body(["text": "ORD-11112222"]))
            #expect(try (JSON.parse(masked.body) as? [String: Any])?["text"] as? String == "ORD-11112222")
        }
    }

    @Test func aBrokenDraftGetsItsErrorsWithTheDraftsLineAndATooLargeOneIsRefused() async throws {
        let harness = try ServerHarness()
        try await harness.run { client in
            let broken = Self.draft.replacingOccurrences(of: "'ORD-[0-9]{8}'", with: "'ORD-([0-9]{8}'")
            let response = try await client.execute(uri: "/v1/rules/test", method: .post, headers: JSON.headers,
                                                    body: JSON.body(["rules": broken]))
            #expect(response.status == .ok)
            let body = try #require(try JSON.parse(response.body) as? [String: Any])
            #expect(body["valid"] as? Bool == false && (body["examples"] as? [Any])?.isEmpty == true)
            let error = try #require((body["errors"] as? [[String: Any]])?.first)
            #expect(error["file"] as? String == "draft.yaml" && error["line"] as? Int == 3 && error["rule"] as? String == "order.number")
            #expect((error["message"] as? String)?.hasPrefix("pattern:") == true)
            let large = try await client.execute(uri: "/v1/rules/test", method: .post, headers: JSON.headers,
                                                 body: JSON.body(["rules": String(repeating: "#", count: 70_000)]))
            #expect(large.status == .badRequest)
            #expect(large.body.text.contains("draft_too_large"))
        }
    }
}
