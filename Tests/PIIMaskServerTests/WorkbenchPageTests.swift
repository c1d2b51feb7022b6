import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The rule workbench page at `/` and its assets: built into the binary, served without the
/// token, loading nothing from another origin. (Tests/Browser/workbench_test.py drives it in
/// a real browser.)
@Suite struct WorkbenchPageTests {
    static let assets: [(path: String, type: String)] = [
        ("/", "text/html; charset=utf-8"), ("/workbench.css", "text/css; charset=utf-8"),
        ("/workbench.js", "text/javascript; charset=utf-8"),
    ]

    @Test func thePageAndItsAssetsAreServedWithoutTheTokenAndOnlyFromThisServer() async throws {
        let harness = try ServerHarness { $0.token = "page-token" }
        try await harness.run { client in
            for asset in Self.assets {
                let response = try await client.execute(uri: asset.path, method: .get)
                #expect(response.status == .ok, "\(asset.path)")
                #expect(response.headers[.contentType] == asset.type, "\(asset.path)")
                let policy = try #require(response.headers[.contentSecurityPolicy], "\(asset.path)")
                #expect(policy.contains("default-src 'none'") && policy.contains("connect-src 'self'")
                        && policy.contains("script-src 'self'") && policy.contains("style-src 'self'"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                let text = response.body.text
                // Nothing from another origin: no absolute URL, no protocol-relative one, no font.
                #expect(!text.contains("http://") && !text.contains("https://") && !text.contains("//cdn")
                        && !text.contains("@import") && !text.contains("@font-face") && !text.contains("url("),
                        "\(asset.path) refers to another origin")
            }
            // The API itself still needs the token.
            let rules = try await client.execute(uri: "/v1/rules", method: .get)
            #expect(rules.status == .unauthorized)
            let posted = try await client.execute(uri: "/", method: .post, headers: [.authorization: "Bearer page-token"])
            #expect(posted.status == .methodNotAllowed)
            #expect(posted.headers[.allow] == "GET")
        }
    }

    @Test func thePageHasTheControlsItsTestAndDocsName() async throws {
        let harness = try ServerHarness()
        let html = try await harness.run { client in try await client.execute(uri: "/", method: .get).body.text }
        for id in ["input", "format-text", "format-ndjson", "field", "mask", "output", "findings", "why", "explain",
                   "decisions", "rules-search", "rules", "fields", "draft", "draft-test", "draft-examples",
                   "draft-output", "draft-findings", "token"] {
            #expect(html.contains("id=\"\(id)\""), "no #\(id)")
        }
        // Every form control has a label.
        for control in ["input", "field", "rules-search", "draft", "token"] {
            #expect(html.contains("<label for=\"\(control)\""), "#\(control) has no label")
        }
        #expect(html.contains("<script src=\"/workbench.js\" defer></script>"))
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/workbench.css\">"))
    }

    @Test func theScriptKeepsTheTokenInMemoryAndCallsOnlyRelativeURLs() async throws {
        let harness = try ServerHarness()
        let script = try await harness.run { client in try await client.execute(uri: "/workbench.js", method: .get).body.text }
        for storage in ["localStorage", "sessionStorage", "document.cookie", "indexedDB"] {
            #expect(!script.contains(storage), "the script uses \(storage)")
        }
        let calls = script.matches(of: /api\("([^"]+)"/).map { String($0.1) }
        #expect(Set(calls) == ["/v1/mask", "/v1/events", "/v1/mask/batch", "/v1/explain", "/v1/rules", "/v1/rules/test"],
                "\(calls)")
        #expect(script.contains("credentials: \"omit\""))
    }
}
