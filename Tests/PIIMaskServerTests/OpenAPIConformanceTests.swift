import Foundation
import Hummingbird
import HummingbirdTesting
import PIIMask
import Testing

/// The server's responses match `docs/openapi.yaml`, for every documented operation, in
/// success and error cases.
@Suite struct OpenAPIConformanceTests {
    /// One request to make, under the route it is documented by.
    struct Call {
        let route: String
        let uri: String
        let method: HTTPRequest.Method
        var headers: HTTPFields = [:]
        var body: ByteBuffer? = nil
    }

    static let token = "conformance-token"
    static var auth: HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }

    /// The committed test key, copied at mode 600 (key files others can read are refused).
    static func keyFile() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-\(UUID().uuidString).key").path
        try FileManager.default.copyItem(atPath: CLIPaths.packageRoot.appendingPathComponent("fixtures/keys/test-token.key").path,
                                         toPath: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }

    static func calls(keyFile: String) throws -> [Call] {
        let text = try JSON.body(["text": PlantedPII.message])
        let keys = try TokenKeyRing.load(path: keyFile)
        let encrypting = try Masker(ruleSet: RuleSet.builtin().bindingTokens(keys: keys, kind: .encrypt, scope: .global))
        let sealed = encrypting.mask(PlantedPII.message)
        let altered = sealed.replacingOccurrences(of: ":enc:test:", with: ":enc:nokey:")
        return [
            Call(route: "/v1/mask", uri: "/v1/mask", method: .post, headers: auth, body: text),
            Call(route: "/v1/mask", uri: "/v1/mask", method: .post, headers: auth,
                 body: try JSON.body(["text": "nothing", "field": "no.such.field"])),
            Call(route: "/v1/mask", uri: "/v1/mask", method: .post, headers: auth, body: ByteBuffer(string: "{")),
            Call(route: "/v1/mask", uri: "/v1/mask", method: .post, headers: auth,
                 body: try JSON.body(["text": PlantedPII.message, "conversation_id": "C-1"])),
            Call(route: "/v1/mask", uri: "/v1/mask", method: .post, headers: auth,
                 body: try JSON.body(["text": PlantedPII.message, "conversation_id": ""])),
            Call(route: "/v1/mask", uri: "/v1/mask", method: .post, headers: [:], body: text),
            Call(route: "/v1/mask", uri: "/v1/mask", method: .post, headers: auth,
                 body: try JSON.body(["text": String(repeating: "x", count: 5000)])),
            Call(route: "/v1/mask/batch", uri: "/v1/mask/batch", method: .post, headers: auth,
                 body: try JSON.body(["items": [["text": PlantedPII.message], ["text": "+447966197542", "field": "customer.name"]]])),
            Call(route: "/v1/mask/batch", uri: "/v1/mask/batch", method: .post, headers: auth, body: try JSON.body(["items": 3])),
            Call(route: "/v1/mask/batch", uri: "/v1/mask/batch", method: .post, headers: auth,
                 body: try JSON.body(["items": [["text": PlantedPII.message, "conversation_id": "C-2"], ["text": PlantedPII.email]],
                                      "conversation_id": "C-1"])),
            Call(route: "/v1/scan", uri: "/v1/scan", method: .post, headers: auth,
                 body: try JSON.body(["text": PlantedPII.message, "conversation_id": "C-1"])),
            Call(route: "/v1/scan", uri: "/v1/scan", method: .post, headers: auth, body: text),
            Call(route: "/v1/scan", uri: "/v1/scan", method: .post, headers: auth, body: try JSON.body(["field": "x"])),
            Call(route: "/v1/events", uri: "/v1/events", method: .post, headers: [.authorization: "Bearer \(token)"],
                 body: ByteBuffer(string: "{\"message\":{\"text\":\"\(PlantedPII.email)\"}}\n")),
            Call(route: "/v1/events", uri: "/v1/events", method: .post, body: ByteBuffer(string: "{}\n")),
            Call(route: "/v1/rules", uri: "/v1/rules", method: .get, headers: auth),
            Call(route: "/v1/explain", uri: "/v1/explain", method: .post, headers: auth,
                 body: try JSON.body(["text": "order number 8405217736, mail jan@example.com", "start": 13, "end": 45])),
            Call(route: "/v1/explain", uri: "/v1/explain", method: .post, headers: auth,
                 body: try JSON.body(["text": "abc", "start": 2, "end": 1])),
            Call(route: "/v1/rules/test", uri: "/v1/rules/test", method: .post, headers: auth,
                 body: try JSON.body(["rules": WorkbenchAPITests.draft, "text": "ORD-11112222 and +447966197542"])),
            Call(route: "/v1/rules/test", uri: "/v1/rules/test", method: .post, headers: auth,
                 body: try JSON.body(["rules": "version: 1\nrules:\n  - id: x\n    pattern: '('\n"])),
            Call(route: "/v1/rules/test", uri: "/v1/rules/test", method: .post, headers: auth, body: try JSON.body(["text": "x"])),
            Call(route: "/v1/admin/reload", uri: "/v1/admin/reload", method: .post, headers: auth),
            Call(route: "/v1/admin/reload", uri: "/v1/admin/reload", method: .post),
            Call(route: "/v1/reveal", uri: "/v1/reveal", method: .post, headers: auth, body: try JSON.body(["text": sealed])),
            Call(route: "/v1/reveal", uri: "/v1/reveal", method: .post, headers: auth, body: try JSON.body(["text": altered])),
            Call(route: "/v1/reveal", uri: "/v1/reveal", method: .post, headers: auth, body: try JSON.body(["txt": sealed])),
            Call(route: "/v1/reveal", uri: "/v1/reveal", method: .post, body: try JSON.body(["text": sealed])),
            Call(route: "/", uri: "/", method: .get),
            Call(route: "/health/live", uri: "/health/live", method: .get),
            Call(route: "/health/ready", uri: "/health/ready", method: .get),
            Call(route: "/metrics", uri: "/metrics", method: .get, headers: auth),
            Call(route: "/metrics", uri: "/metrics", method: .get),
        ]
    }

    @Test func everyResponseMatchesTheSpec() async throws {
        let spec = try OpenAPISchema()
        let keyFile = try Self.keyFile()
        defer { try? FileManager.default.removeItem(atPath: keyFile) }
        let harness = try ServerHarness(tokenKeyFile: keyFile) {
            $0.token = Self.token
            $0.maxBodyBytes = 4096
            $0.revealEnabled = true
        }
        let calls = try Self.calls(keyFile: keyFile)
        let results = try await harness.run { client in
            var results: [(Call, TestResponse)] = []
            for call in calls {
                results.append((call, try await client.execute(uri: call.uri, method: call.method,
                                                               headers: call.headers, body: call.body)))
            }
            return results
        }
        var statuses: Set<String> = []
        for (call, response) in results {
            let problems = spec.problems(path: call.route, method: call.method.rawValue, status: Int(response.status.code),
                                         contentType: response.headers[.contentType],
                                         body: Data(response.body.readableBytesView))
            #expect(problems.isEmpty, "\(call.method) \(call.route) \(response.status.code): \(problems)")
            statuses.insert("\(call.route) \(response.status.code)")
        }
        #expect(statuses.isSuperset(of: ["/v1/mask 200", "/v1/mask 400", "/v1/mask 401", "/v1/mask 413",
                                         "/v1/mask/batch 200", "/v1/mask/batch 400", "/v1/scan 200", "/v1/scan 400",
                                         "/v1/events 200", "/v1/events 401", "/v1/rules 200", "/v1/explain 200", "/v1/explain 400",
                                         "/v1/rules/test 200", "/v1/rules/test 400", "/ 200",
                                         "/v1/admin/reload 200", "/v1/admin/reload 401", "/metrics 200", "/metrics 401",
                                         "/v1/reveal 200", "/v1/reveal 400", "/v1/reveal 401", "/v1/reveal 422"]),
                "\(statuses.sorted())")
        let exercised = Set(calls.map { "\($0.method.rawValue.lowercased()) \($0.route)" })
        for operation in spec.operations {
            #expect(exercised.contains("\(operation.method) \(operation.path)"), "\(operation) is documented but not tested")
        }
    }

    @Test func theValidatorRejectsWhatTheSpecForbids() throws {
        let spec = try OpenAPISchema()
        let extra = Data(#"{"text":"x","findings":[],"raw":"y"}"#.utf8)
        #expect(!spec.problems(path: "/v1/mask", method: "POST", status: 200, contentType: "application/json", body: extra).isEmpty)
        let wrongType = Data(#"{"text":"x","findings":[{"type":"phone","rule":"r","start":"4","end":5,"masked":"*"}]}"#.utf8)
        #expect(!spec.problems(path: "/v1/mask", method: "POST", status: 200, contentType: "application/json", body: wrongType).isEmpty)
        #expect(!spec.problems(path: "/v1/mask", method: "POST", status: 418, contentType: "application/json", body: Data()).isEmpty)
        let good = Data(#"{"text":"x","findings":[{"type":"phone","rule":"r","start":4,"end":5,"masked":"*"}]}"#.utf8)
        #expect(spec.problems(path: "/v1/mask", method: "POST", status: 200, contentType: "application/json", body: good).isEmpty)
    }
}
