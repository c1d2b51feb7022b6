import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Logging
import PIIMask
import PIIMaskServer
import PIIMaskService
import Prometheus
import Testing

/// `piimask serve --policy NAME=PATH`: per-tenant rules selected by `Piimask-Policy`.
@Suite struct PolicyTests {
    /// Two tenants: `acme` masks its account numbers and keeps its own support line; `globex`
    /// labels e-mail addresses whole.
    private static func writeRules() throws -> (acme: String, globex: String, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("policies-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let acme = folder.appendingPathComponent("acme.yaml")
        try """
            version: 1
            allow:
              - {type: phone, values: ["+31 20 555 0100"]}
            deny:
              - {id: deny.acme.accounts, type: account, values: [AC-77812], mask: {label: "[ACCOUNT]"}}
            fields:
              - {id: message.text, detect_add: [account]}
            """.write(to: acme, atomically: true, encoding: .utf8)
        let globex = folder.appendingPathComponent("globex.yaml")
        try """
            version: 1
            rules:
              - {id: email.address, mask: {label: "[EMAIL]"}}
            """.write(to: globex, atomically: true, encoding: .utf8)
        return (acme.path, globex.path, folder)
    }

    /// Runs `test` against a live server with the two tenants and the registry it exports.
    private static func run(_ test: @escaping @Sendable (any TestClientProtocol, PrometheusCollectorRegistry, CapturedLog) async throws -> Void) async throws {
        let (acme, globex, folder) = try writeRules()
        defer { try? FileManager.default.removeItem(at: folder) }
        let registry = PrometheusCollectorRegistry()
        let factory = PrometheusMetricsFactory(registry: registry)
        let metrics = MaskingMetrics(factory: factory, policy: ServedPolicy.defaultName)
        let masker = try ReloadableMasker(configuration: RuleConfiguration(), metrics: metrics)
        let policies = try [("acme", acme), ("globex", globex)].map { name, path in
            let policyMetrics = MaskingMetrics(factory: factory, policy: name)
            return ServedPolicy(name: name, masker: try ReloadableMasker(configuration: RuleConfiguration(paths: [path]),
                                                                         metrics: policyMetrics),
                                metrics: policyMetrics)
        }
        var configuration = ServerConfiguration()
        configuration.port = 0
        let log = CapturedLog()
        let logger = Logger(label: "piimask") { _ in CapturingLogHandler(log: log) }
        let app = PIIMaskServer.makeApplication(configuration: configuration, masker: masker, maskingMetrics: metrics,
                                                registry: registry, metricsFactory: factory, logger: logger,
                                                policies: policies)
        try await app.test(.live) { client in try await test(client, registry, log) }
    }

    private static func mask(_ client: any TestClientProtocol, _ text: String, policy: String?) async throws -> (HTTPResponse.Status, String) {
        var headers = JSON.headers
        if let policy { headers[HTTPField.Name("Piimask-Policy")!] = policy }
        let response = try await client.execute(uri: "/v1/mask", method: .post, headers: headers, body: JSON.body(["text": text]))
        let body = try JSON.parse(response.body) as? [String: Any]
        return (response.status, body?["text"] as? String ?? response.body.text)
    }

    @Test func twoTenantsGiveDifferentOutputs() async throws {
        try await Self.run { client, _, _ in
            let text = "acct AC-77812, bel +31 20 555 0100 of mail jan@gmail.com"
            let (_, plain) = try await Self.mask(client, text, policy: nil)
            let (_, acme) = try await Self.mask(client, text, policy: "acme")
            let (_, globex) = try await Self.mask(client, text, policy: "globex")
            #expect(plain == (try Masker()).mask(text))
            #expect(plain.hasPrefix("acct AC-77812, bel ") && plain.hasSuffix("0100 of mail j**@gmail.com") && !plain.contains("555"))
            #expect(acme == "acct [ACCOUNT], bel +31 20 555 0100 of mail j**@gmail.com")
            #expect(globex == plain.replacingOccurrences(of: "j**@gmail.com", with: "[EMAIL]"))
        }
    }

    @Test func unknownTenantGets400WithoutItsName() async throws {
        try await Self.run { client, registry, log in
            let name = "tenant-4111111111111111"
            let (status, body) = try await Self.mask(client, "mail jan@gmail.com", policy: name)
            #expect(status == .badRequest)
            #expect(body.contains("\"unknown_policy\""))
            #expect(!body.contains("4111111111111111"))
            let rules = try await client.execute(uri: "/v1/rules?policy=\(name)", method: .get)
            #expect(rules.status == .badRequest)
            #expect(!rules.body.text.contains("4111111111111111"))
            var text: [UInt8] = []
            registry.emit(into: &text)
            #expect(!String(decoding: text, as: UTF8.self).contains("4111111111111111"))
            #expect(!log.all.joined(separator: "\n").contains("4111111111111111"))
        }
    }

    @Test func rulesEndpointShowsTheNamedPolicy() async throws {
        try await Self.run { client, _, _ in
            func ruleIDs(_ uri: String, policy: String? = nil) async throws -> [String] {
                var headers = HTTPFields()
                if let policy { headers[HTTPField.Name("Piimask-Policy")!] = policy }
                let response = try await client.execute(uri: uri, method: .get, headers: headers)
                #expect(response.status == .ok)
                let body = try #require(try JSON.parse(response.body) as? [String: Any])
                return (body["rules"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            }
            let byQuery = try await ruleIDs("/v1/rules?policy=acme")
            let byHeader = try await ruleIDs("/v1/rules", policy: "acme")
            let other = try await ruleIDs("/v1/rules?policy=globex")
            let plain = try await ruleIDs("/v1/rules")
            #expect(byQuery.contains("deny.acme.accounts"))
            #expect(byHeader.contains("deny.acme.accounts"))
            #expect(!other.isEmpty && !other.contains("deny.acme.accounts"))
            #expect(!plain.isEmpty && !plain.contains("deny.acme.accounts"))
        }
    }

    @Test func metricsCarryThePolicyAndBatchesAndEventsUseIt() async throws {
        try await Self.run { client, registry, _ in
            var headers = JSON.headers
            headers[HTTPField.Name("Piimask-Policy")!] = "acme"
            let batch = try await client.execute(uri: "/v1/mask/batch", method: .post, headers: headers,
                                                 body: JSON.body(["items": [["text": "AC-77812"], ["text": "jan@gmail.com"]]]))
            let items = try #require(try JSON.parse(batch.body) as? [String: Any])["items"] as? [[String: Any]]
            #expect(items?.map { $0["text"] as? String } == ["[ACCOUNT]", "j**@gmail.com"])
            var eventHeaders = HTTPFields()
            eventHeaders[.contentType] = "application/x-ndjson"
            eventHeaders[HTTPField.Name("Piimask-Policy")!] = "acme"
            let events = try await client.execute(uri: "/v1/events", method: .post, headers: eventHeaders,
                                                  body: ByteBuffer(string: "{\"type\":\"message\",\"text\":\"AC-77812 and +31 20 555 0100\"}\n"))
            #expect(events.body.text.contains("[ACCOUNT] and +31 20 555 0100"))
            _ = try await Self.mask(client, "mail jan@gmail.com", policy: nil)
            var text: [UInt8] = []
            registry.emit(into: &text)
            let metrics = String(decoding: text, as: UTF8.self)
            #expect(metrics.contains("piimask_findings_total{type=\"account\",policy=\"acme\"} 2"), "\(metrics)")
            #expect(metrics.contains("piimask_allowed_total{type=\"phone\",policy=\"acme\"} 1"))
            #expect(metrics.contains("piimask_findings_total{type=\"email\",policy=\"default\"} 1"))
        }
    }
}
