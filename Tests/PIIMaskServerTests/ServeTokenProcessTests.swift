import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Testing

/// `serve --token-key-file`: token and encrypt masks over HTTP give what the filter gives
/// for the same key, rules and value; `POST /v1/reveal` is off by default, behind the
/// bearer token when on, keyed per policy; refusals at start-up; nothing of the input in
/// errors or logs. Serialized: each starts processes.
@Suite(.serialized) struct ServeTokenProcessTests {
    /// A card and a user rule with token masks of one scope (`global` or `conversation`).
    static func tokenRules(scope: String) -> String {
        """
        version: 1
        rules:
          - id: card.luhn
            mask: {kind: encrypt, token_scope: \(scope)}
          - id: user.employee
            type: phone
            pattern: "EMP-[0-9]{6}"
            mask: {kind: token, token_scope: \(scope)}
        """
    }

    static let text = "id EMP-123456 kaart \(PlantedPII.card) \(PlantedPII.email)"
    static let bearer = "t0ken-for-tests"

    /// A folder with the token rules of both scopes, the committed test key (id `test`), a
    /// second key (id `acme`) and a bearer token file, all mode 600.
    struct Files {
        let folder: URL
        var global: String { folder.appendingPathComponent("global.yaml").path }
        var conversation: String { folder.appendingPathComponent("conversation.yaml").path }
        var key: String { folder.appendingPathComponent("test.key").path }
        var acmeKey: String { folder.appendingPathComponent("acme.key").path }
        var token: String { folder.appendingPathComponent("token").path }

        init() throws {
            folder = try ServeProcessTests.folder()
            try tokenRules(scope: "global").write(toFile: global, atomically: true, encoding: .utf8)
            try tokenRules(scope: "conversation").write(toFile: conversation, atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(atPath: CLIPaths.packageRoot.appendingPathComponent("fixtures/keys/test-token.key").path,
                                             toPath: key)
            let secret = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
            try "acme \(secret)\n".write(toFile: acmeKey, atomically: true, encoding: .utf8)
            try "\(bearer)\n".write(toFile: token, atomically: true, encoding: .utf8)
            for path in [key, acmeKey, token] {
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            }
        }
    }

    /// Runs the `piimask` binary with `arguments` and `input`; status, stdout, stderr.
    static func run(_ arguments: [String], input: String = "") throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = ServeProcess.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PIIMASK_") }
        let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// `POST path` with a JSON body; status, the parsed object and the raw text.
    static func post(_ path: String, _ body: [String: Any], port: Int, policy: String? = nil,
                     bearer: String? = ServeTokenProcessTests.bearer) async throws -> (HTTPResponse.Status, [String: Any], String) {
        var fields = JSON.headers
        if let bearer { fields[.authorization] = "Bearer \(bearer)" }
        if let policy { fields[HTTPField.Name("Piimask-Policy")!] = policy }
        let headers = fields
        let buffer = try JSON.body(body)
        @Sendable func send() async throws -> (HTTPResponse.Status, ByteBuffer) {
            try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
                let response = try await client.post(path, headers: headers, body: buffer)
                return (response.status, response.body ?? ByteBuffer())
            }
        }
        let status: HTTPResponse.Status, bytes: ByteBuffer
        do {
            (status, bytes) = try await send()
        } catch {
            // Under full load a connection was seen closed unanswered (as in ServeProcessTests):
            // these requests change nothing, so one more try tells a flake from a fault.
            print("ServeTokenProcessTests: POST \(path) failed (\(error)); trying once more")
            (status, bytes) = try await send()
        }
        return (status, (try? JSON.parse(bytes) as? [String: Any]) ?? [:], bytes.text)
    }

    /// The `code` of an error body.
    static func code(_ object: [String: Any]) -> String? {
        (object["error"] as? [String: Any])?["code"] as? String
    }

    @Test func aTokenMaskOverHTTPIsTheFiltersTokenAndRevealsBehindTheBearerToken() async throws {
        let files = try Files()
        let filter = try Self.run(["--rules", files.global, "--token-key-file", files.key], input: Self.text + "\n")
        #expect(filter.status == 0, "\(filter.stderr)")
        let expected = filter.stdout.trimmingCharacters(in: .newlines)
        #expect(expected.contains("[PHONE:test:") && expected.contains("[CARD:enc:test:"), "\(expected)")

        let server = try ServeProcess(["--rules", files.global, "--token-key-file", files.key,
                                       "--token-file", files.token, "--enable-reveal"])
        let (status, masked, _) = try await Self.post("/v1/mask", ["text": Self.text], port: server.port)
        #expect(status == .ok)
        #expect(masked["text"] as? String == expected)
        let findings = masked["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { ($0["masked"] as? String)?.hasPrefix("[PHONE:test:") == true }, "\(findings)")

        let (batchStatus, batch, _) = try await Self.post("/v1/mask/batch", ["items": [["text": Self.text]]], port: server.port)
        #expect(batchStatus == .ok)
        #expect(((batch["items"] as? [[String: Any]])?.first?["text"] as? String) == expected)

        // Reveal: without the bearer token 401; with it the encrypt token opens, the
        // irreversible token stays as it is.
        let (unauthorized, refused, _) = try await Self.post("/v1/reveal", ["text": expected], port: server.port, bearer: nil)
        #expect(unauthorized == .unauthorized && Self.code(refused) == "unauthorized")
        let (revealStatus, revealed, _) = try await Self.post("/v1/reveal", ["text": expected], port: server.port)
        #expect(revealStatus == .ok)
        let revealedText = try #require(revealed["text"] as? String)
        #expect(revealedText.contains("kaart \(PlantedPII.card) "))
        #expect(revealedText.contains("[PHONE:test:"))
        let cliRevealed = try Self.run(["reveal", "--token-key-file", files.key], input: expected + "\n")
        #expect(revealedText + "\n" == cliRevealed.stdout)

        // An altered token: 422, and the error quotes nothing of the text.
        let start = try #require(expected.range(of: "[CARD:enc:test:"))
        var altered = expected
        let flip = altered.index(start.upperBound, offsetBy: 3)
        altered.replaceSubrange(flip...flip, with: altered[flip] == "A" ? "B" : "A")
        let (alteredStatus, failed, failedText) = try await Self.post("/v1/reveal", ["text": altered], port: server.port)
        #expect(alteredStatus == .unprocessableContent && Self.code(failed) == "reveal_failed")
        #expect(!failedText.contains("EMP-") && !failedText.contains("kaart") && !failedText.contains("[CARD:enc"))

        server.send(SIGTERM)
        #expect(server.waitForExit() == 0)
        #expect(!PlantedPII.leaks(server.stderrText))
        #expect(!server.stderrText.contains("EMP-123456"))
    }

    @Test func conversationScopedTokensOfEventsAreTheFilters() async throws {
        let files = try Files()
        let events = """
            {"event":"message","conversation":"C-1","text":"id EMP-123456"}
            {"event":"message","conversation":"C-2","text":"id EMP-123456"}

            """
        let filter = try Self.run(["--format", "ndjson", "--rules", files.conversation, "--token-key-file", files.key],
                                  input: events)
        #expect(filter.status == 0, "\(filter.stderr)")
        let lines = filter.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines[0] != lines[1], "one value, two conversations, two tokens")
        #expect(lines.allSatisfy { $0.contains("[PHONE:test:") })

        let server = try ServeProcess(["--rules", files.conversation, "--token-key-file", files.key])
        let body = try await TestClient.withClient(host: "127.0.0.1", port: server.port) { client in
            try await client.post("/v1/events", headers: [.contentType: "application/x-ndjson"],
                                  body: ByteBuffer(string: events)).body?.text ?? ""
        }
        #expect(body == filter.stdout)
        // /v1/mask with a conversation id: the filter's token for that conversation.
        for (index, conversation) in ["C-1", "C-2"].enumerated() {
            let (_, masked, _) = try await Self.post("/v1/mask", ["text": "id EMP-123456", "conversation_id": conversation],
                                                     port: server.port, bearer: nil)
            let event = try #require(try JSONSerialization.jsonObject(with: Data(lines[index].utf8)) as? [String: Any])
            #expect(masked["text"] as? String == event["text"] as? String, "\(conversation)")
        }
        // Without one: stars, never a global token.
        let (_, masked, _) = try await Self.post("/v1/mask", ["text": "id EMP-123456"], port: server.port, bearer: nil)
        let starred = try #require(masked["text"] as? String)
        #expect(starred.hasPrefix("id ***") && !starred.contains("EMP-123456") && !starred.contains("[PHONE"), "\(starred)")
        server.send(SIGTERM)
        #expect(server.waitForExit() == 0)
        #expect(!server.stderrText.contains("EMP-123456"))
    }

    @Test func eachPolicyHasItsOwnKeysForTokensAndReveal() async throws {
        let files = try Files()
        let server = try ServeProcess(["--rules", files.global, "--token-key-file", files.key,
                                       "--policy", "acme=\(files.global)", "--policy-token-key-file", "acme=\(files.acmeKey)",
                                       "--policy", "globex=\(files.global)",
                                       "--token-file", files.token, "--enable-reveal"])
        let (_, byDefault, _) = try await Self.post("/v1/mask", ["text": Self.text], port: server.port)
        let (_, byAcme, _) = try await Self.post("/v1/mask", ["text": Self.text], port: server.port, policy: "acme")
        let (_, byGlobex, _) = try await Self.post("/v1/mask", ["text": Self.text], port: server.port, policy: "globex")
        let defaultText = try #require(byDefault["text"] as? String)
        let acmeText = try #require(byAcme["text"] as? String)
        #expect(defaultText.contains("[PHONE:test:") && acmeText.contains("[PHONE:acme:"))
        #expect(byGlobex["text"] as? String == defaultText, "a policy without its own key file uses --token-key-file")

        let (acmeStatus, acmeRevealed, _) = try await Self.post("/v1/reveal", ["text": acmeText], port: server.port, policy: "acme")
        #expect(acmeStatus == .ok)
        #expect((acmeRevealed["text"] as? String)?.contains(PlantedPII.card) == true)
        // The default keys do not list acme's key id: nothing revealed, nothing quoted.
        let (otherStatus, other, otherText) = try await Self.post("/v1/reveal", ["text": acmeText], port: server.port)
        #expect(otherStatus == .unprocessableContent && Self.code(other) == "reveal_failed")
        #expect(!otherText.contains("EMP-") && !otherText.contains("kaart"))
        server.send(SIGTERM)
        #expect(server.waitForExit() == 0)
        #expect(!PlantedPII.leaks(server.stderrText))
    }

    /// SIGHUP reads the key file again: a new first key makes new tokens, tokens of the old
    /// key still reveal; a key file that others can read fails the reload and keeps the keys in effect.
    @Test func sighupRotatesTheKeys() async throws {
        let files = try Files()
        let server = try ServeProcess(["--rules", files.global, "--token-key-file", files.key,
                                       "--token-file", files.token, "--enable-reveal"])
        let (_, before, _) = try await Self.post("/v1/mask", ["text": Self.text], port: server.port)
        let old = try #require(before["text"] as? String)
        #expect(old.contains("[PHONE:test:"))

        let secret = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let keys = try String(contentsOfFile: files.key, encoding: .utf8)
        try "k2 \(secret)\n\(keys)".write(toFile: files.key, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: files.key)
        server.send(SIGHUP)
        #expect(server.waitForLog("rules reloaded"))
        let (_, after, _) = try await Self.post("/v1/mask", ["text": Self.text], port: server.port)
        #expect((after["text"] as? String)?.contains("[PHONE:k2:") == true)
        let (status, revealed, _) = try await Self.post("/v1/reveal", ["text": old], port: server.port)
        #expect(status == .ok && (revealed["text"] as? String)?.contains(PlantedPII.card) == true)

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: files.key)
        server.send(SIGHUP)
        #expect(server.waitForLog("rule reload failed"))
        let (_, kept, _) = try await Self.post("/v1/mask", ["text": Self.text], port: server.port)
        #expect((kept["text"] as? String)?.contains("[PHONE:k2:") == true)
        server.send(SIGTERM)
        #expect(server.waitForExit() == 0)
        #expect(!server.stderrText.contains(secret))
        #expect(!PlantedPII.leaks(server.stderrText))
    }

    @Test func revealIsOffUnlessEnabled() async throws {
        let files = try Files()
        let withToken = try ServeProcess(["--rules", files.global, "--token-key-file", files.key, "--token-file", files.token])
        let (status, body, _) = try await Self.post("/v1/reveal", ["text": "x"], port: withToken.port)
        #expect(status == .forbidden && Self.code(body) == "reveal_disabled")
        withToken.send(SIGTERM)
        #expect(withToken.waitForExit() == 0)

        let open = try ServeProcess(["--rules", files.global, "--token-key-file", files.key])
        let (openStatus, openBody, _) = try await Self.post("/v1/reveal", ["text": "x"], port: open.port, bearer: nil)
        #expect(openStatus == .forbidden && Self.code(openBody) == "reveal_disabled")
        open.send(SIGTERM)
        #expect(open.waitForExit() == 0)
    }

    /// Each of these stops start-up with status 2 and says why, quoting no key material.
    @Test func tokenMistakesStopStartUp() throws {
        let files = try Files()
        let secret = try String(contentsOfFile: files.key, encoding: .utf8).split(separator: "\n").last!.split(separator: " ").last!
        let open = files.folder.appendingPathComponent("open.key").path
        try FileManager.default.copyItem(atPath: files.key, toPath: open)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: open)
        let cases: [([String], String)] = [
            (["--rules", files.global], "no token key file"),
            (["--rules", files.global, "--token-key-file", open], "group or others"),
            (["--rules", files.global, "--token-key-file", files.key, "--enable-reveal"], "--enable-reveal needs --token-file"),
            (["--token-file", files.token, "--enable-reveal"], "--enable-reveal needs a token key file"),
            (["--policy", "acme=\(files.global)", "--token-key-file", files.key, "--policy-token-key-file", "globex=\(files.acmeKey)"],
             "no --policy globex"),
            (["--policy", "acme=\(files.global)"], "no token key file"),
            (["--rules", files.conversation, "--token-key-file", files.key, "--no-conversations"], "scoped per conversation"),
        ]
        for (arguments, message) in cases {
            let result = try Self.run(["serve", "--listen", "127.0.0.1:0"] + arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains(secret))
        }
    }
}
