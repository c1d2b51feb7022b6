import Foundation
import Testing

@Suite struct ComposeCheckCLITests {
    static func lines(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func cleanTextExitsZero() throws {
        let atLimit = String(repeating: "é", count: 999) + "😀"
        let result = try CLIRunner.run(["compose-check"], input: "Dank u, ik kijk het na.\n" + atLimit + "\n")
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
    }

    @Test func findingsWithReasonAndPositionNeverTheText() throws {
        let long = String(repeating: "é", count: 1_000) + "x"
        let input = "Hallo <naam>\nbel 06-12345678\n" + long + "\nok\n"
        let result = try CLIRunner.run(["compose-check"], input: input)
        #expect(result.status == 1)
        let findings = try Self.lines(result.stdout)
        #expect(findings.map { $0["reason"] as? String } == ["reserved-character", "reserved-character", "pii", "too-long"])
        #expect(findings.map { $0["line"] as? Int } == [1, 1, 2, 3])
        #expect(findings[0]["start"] as? Int == 6 && findings[0]["end"] as? Int == 7)
        #expect(findings[2]["type"] as? String == "phone" && findings[2]["start"] as? Int == 4 && findings[2]["end"] as? Int == 15)
        #expect(findings[3]["length"] as? Int == 1_001 && findings[3]["limit"] as? Int == 1_000)
        #expect(findings[3]["start"] as? Int == 1_000 && findings[3]["byte_start"] as? Int == 2_000)
        for text in ["Hallo", "naam", "06-12345678", "12345678", "éé"] { #expect(!result.stdout.contains(text)) }
    }

    @Test func ndjsonChecksAgentMessagesOnly() throws {
        let input = [
            #"{"event":"message","conversation":"C-1","message":{"from":"customer","text":"bel 06-12345678 <x>"}}"#,
            #"{"event":"message","conversation":"C-1","message":{"from":"agent","text":"Uw kaart 4111 1111 1111 1111?"}}"#,
            #"{"event":"wrapup","wrapup":{"notes":"06-12345678"}}"#,
            #"{"event":"message","conversation":"C-1","message":{"from":"agent","text":"Dank u, <naam>"}}"#,
            "not json",
        ].joined(separator: "\n") + "\n"
        let result = try CLIRunner.run(["compose-check", "--format", "ndjson"], input: input)
        #expect(result.status == 1)
        let findings = try Self.lines(result.stdout)
        #expect(findings.map { $0["line"] as? Int } == [2, 4, 4, 5])
        #expect(findings.map { $0["reason"] as? String } == ["pii", "reserved-character", "reserved-character", "invalid-event"])
        #expect(findings[0]["path"] as? String == "message.text" && findings[0]["type"] as? String == "card")
        for text in ["4111", "naam", "Dank"] { #expect(!result.stdout.contains(text)) }
        let clean = try CLIRunner.run(["compose-check", "--format", "ndjson"], input: String(input.split(separator: "\n")[0]) + "\n")
        #expect(clean.status == 0)
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CLIRunner.run(["compose-check", "--field", "no.such"], input: "x\n").status == 2)
        #expect(try CLIRunner.run(["compose-check", "--max-characters", "0"], input: "x\n").status == 2)
        #expect(try CLIRunner.run(["compose-check", "/nonexistent/file"]).status == 2)
    }
}
