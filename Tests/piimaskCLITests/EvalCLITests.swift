import Foundation
import Testing

@Suite struct EvalCLITests {
    static let corpus = CLIRunner.packageRoot.appendingPathComponent("fixtures/labeled/chat-en-nl.jsonl").path

    /// A few labeled values of the corpus (personal data that must never be printed).
    static func labeledValues(count: Int) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: corpus))
        var values: [String] = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let record = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let text = record["text"] as? String,
                  let pii = record["pii"] as? [[String: Any]] else { continue }
            let bytes = Array(text.utf8)
            for span in pii {
                guard let start = span["start"] as? Int, let end = span["end"] as? Int else { continue }
                values.append(String(decoding: bytes[start..<end], as: UTF8.self))
            }
            if values.count >= count { break }
        }
        return values
    }

    @Test func printsATableOfCountsWithoutCorpusText() throws {
        let result = try CLIRunner.run(["eval", Self.corpus])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix(": 1000 records, field message.text") == true)
        #expect(lines.contains { $0.hasPrefix("type ") && $0.contains("precision") && $0.contains("recall") && $0.hasSuffix("F1") })
        for type in ["phone", "email", "card", "iban", "ssn", "overall"] {
            #expect(lines.contains { $0.hasPrefix(type + " ") }, "no row for \(type)")
        }
        #expect(lines.contains { $0.hasPrefix("look-alike ") && $0.contains("survived") })
        #expect(lines.contains { $0.hasPrefix("luhn_invalid ") })
        let values = try Self.labeledValues(count: 12)
        #expect(values.count >= 12)
        for value in values {
            #expect(!result.stdout.contains(value), "output contains a labeled value")
        }
    }

    @Test func jsonIsOneObjectWithTheCounts() throws {
        let result = try CLIRunner.run(["eval", "--json", Self.corpus])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("}\n"))
        #expect(result.stdout.dropLast().contains("\n") == false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["records"] as? Int == 1000)
        #expect(object["field"] as? String == "message.text")
        let overall = try #require(object["overall"] as? [String: Any])
        #expect(overall["spans"] as? Int == 1305)
        let recall = try #require(overall["recall"] as? Double)
        #expect(recall > 0.5 && recall <= 1)
        let types = try #require(object["types"] as? [String: Any])
        #expect(Set(types.keys).isSuperset(of: ["phone", "email", "card", "iban", "ssn"]))
        let negatives = try #require(object["negatives"] as? [String: Any])
        #expect((negatives["order"] as? [String: Any])?["total"] as? Int == 42)
        let thresholds = try #require(object["thresholds"] as? [String: Any])
        #expect(thresholds["passed"] as? Bool == true)
        for value in try Self.labeledValues(count: 12) {
            #expect(!result.stdout.contains(value), "output contains a labeled value")
        }
    }

    @Test func thresholdsOfOneHalfPass() throws {
        let result = try CLIRunner.run(["eval", Self.corpus, "--min-recall", "0.5", "--min-precision", "0.5"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
    }

    @Test func anUnmetThresholdExitsOneAndSaysWhich() throws {
        // The corpus holds a value no rule finds: its recall is below 0.9999.
        let result = try CLIRunner.run(["eval", Self.corpus, "--field", "task.title", "--min-recall", "0.9999"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("recall"))
        #expect(result.stderr.contains("--min-recall 0.9999"))
        #expect(!result.stderr.contains("precision"))
        #expect(result.stdout.contains("field task.title"))
    }

    @Test(arguments: [["--min-recall", "1.01"], ["--min-precision", "-0.2"], ["--min-recall", "abc"]])
    func aThresholdOutsideZeroToOneIsAUsageError(_ options: [String]) throws {
        let result = try CLIRunner.run(["eval", Self.corpus] + options)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.isEmpty)
    }

    @Test func anUnknownFieldIsAUsageError() throws {
        let result = try CLIRunner.run(["eval", Self.corpus, "--field", "nope"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown field category 'nope'"))
    }

    @Test func anUnreadableOrMalformedCorpusExitsTwoNamingFileAndLine() throws {
        let missing = try CLIRunner.run(["eval", "/no/such/corpus.jsonl"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/no/such/corpus.jsonl: cannot read"))

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-eval-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.jsonl")
        try Data("""
            {"text":"bel 06-12345678","pii":[{"type":"phone","start":4,"end":15}],"negatives":[]}
            {"text":"mail melissa@gmail.com","pii":[{"type":"email","start":5,"end":22}
            """.utf8).write(to: file)
        let malformed = try CLIRunner.run(["eval", file.path])
        #expect(malformed.status == 2)
        #expect(malformed.stdout.isEmpty)
        #expect(malformed.stderr.contains("bad.jsonl:2: not valid JSON"))
        #expect(!malformed.stderr.contains("melissa"))
    }

    @Test func brokenRulesAreAUsageError() throws {
        let result = try CLIRunner.run(["eval", Self.corpus, "--rules", "/no/such/rules.yaml"])
        #expect(result.status == 2)
    }

    @Test func severalCorporaAreOneRunWithRecallPerFamily() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-eval-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("families.jsonl")
        try Data("""
            {"text":"bel 06-12345678","pii":[{"type":"phone","family":"phone.national","start":4,"end":15}],"negatives":[]}
            {"text":"code 12345","pii":[{"type":"phone","family":"phone.national","start":5,"end":10}],"negatives":[{"kind":"order","family":"bsn.lookalike-order","start":0,"end":4}]}
            """.utf8).write(to: file)
        let result = try CLIRunner.run(["eval", Self.corpus, file.path])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(Self.corpus), \(file.path): 1002 records, field message.text")
        #expect(lines.contains { $0.hasPrefix("family ") && $0.hasSuffix("recall") })
        let national = try #require(lines.first { $0.hasPrefix("phone.national ") })
        #expect(national.split(separator: " ") == ["phone.national", "phone", "2", "1", "1", "0.5000"])
        #expect(lines.contains { $0.hasPrefix("unlabeled ") && $0.contains(" card ") })
        let order = try #require(lines.first { $0.hasPrefix("bsn.lookalike-order ") })
        #expect(order.split(separator: " ") == ["bsn.lookalike-order", "1", "1", "1.0000"])

        let json = try CLIRunner.run(["eval", "--json", Self.corpus, file.path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["files"] as? [String] == [Self.corpus, file.path])
        #expect(object["file"] == nil)
        let families = try #require(object["families"] as? [[String: Any]])
        let row = try #require(families.first { $0["family"] as? String == "phone.national" })
        #expect(row["spans"] as? Int == 2 && row["caught"] as? Int == 1)
        #expect((object["lookalike_families"] as? [String: Any])?["bsn.lookalike-order"] != nil)
    }

    @Test func aCorpusWithoutFamiliesPrintsNoFamilyTable() throws {
        let result = try CLIRunner.run(["eval", Self.corpus])
        #expect(!result.stdout.contains("family"))
    }
}
