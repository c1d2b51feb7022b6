import Foundation
import Testing

/// The docs match the code: README.md and docs/*.md are read as a newcomer would use them.
/// Their Swift blocks compile and give the values their comments show, their `console`
/// blocks print what they show, their rule files load, the key recipe works and every link
/// to a file of the repository resolves.
@Suite struct DocumentationTests {
    /// A fenced block of a document: its info string, the line after the fence, its text.
    struct Block {
        let document: String
        let info: String
        let line: Int
        let text: String
    }

    /// README.md, then docs/*.md by name (as scripts/doc-snippets reads them).
    static let documents: [String] = {
        let docs = (try? FileManager.default.contentsOfDirectory(atPath: CLIRunner.packageRoot.appendingPathComponent("docs").path)) ?? []
        return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }()

    static func text(of document: String) throws -> String {
        try String(contentsOf: CLIRunner.packageRoot.appendingPathComponent(document), encoding: .utf8)
    }

    /// The fenced blocks of `document`.
    static func blocks(of document: String) throws -> [Block] {
        let lines = try text(of: document).components(separatedBy: "\n")
        var blocks: [Block] = []
        var index = 0
        while index < lines.count {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("```") && line.count > 3 {
                let start = index + 1
                var end = start
                while end < lines.count && lines[end].trimmingCharacters(in: .whitespaces) != "```" { end += 1 }
                blocks.append(Block(document: document, info: String(line.dropFirst(3)), line: start,
                                    text: lines[start..<min(end, lines.count)].joined(separator: "\n")))
                index = end
            }
            index += 1
        }
        return blocks
    }

    static func allBlocks(_ info: String) throws -> [Block] {
        try documents.flatMap { try blocks(of: $0) }.filter { $0.info == info }
    }

    /// The doc-snippet runner, built next to piimask.
    static let snippetRunner = CLIRunner.binary.deletingLastPathComponent().appendingPathComponent("piimask-doc-snippets")

    /// A new empty folder.
    static func sandbox() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs `executable` with `arguments` in `directory`; stdout and stderr together.
    static func run(_ executable: String, _ arguments: [String], in directory: URL,
                    environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    // MARK: Swift blocks

    @Test func swiftBlocksAreCompiledAsWritten() throws {
        let result = try Self.run(Self.snippetRunner.path, ["--sources"], in: try Self.sandbox())
        #expect(result.status == 0)
        var compiled = result.output.components(separatedBy: "\0")
        compiled.removeLast()
        let documented = try Self.allBlocks("swift").map(\.text)
        #expect(compiled == documented, "Tests/DocSnippets/Snippets.swift is out of date: run scripts/doc-snippets")
    }

    @Test func swiftBlocksRunAndGiveTheValuesTheDocsShow() throws {
        let folder = try Self.sandbox()
        // The library page's rule folder is its own YAML block; the key file is a new key.
        let rules = try #require(try Self.blocks(of: "docs/library.md").first { $0.info == "yaml" })
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("my-rules"), withIntermediateDirectories: true)
        try rules.text.write(to: folder.appendingPathComponent("my-rules/employee.yaml"), atomically: true, encoding: .utf8)
        let secret = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let keys = folder.appendingPathComponent("keys")
        try "k1 \(secret)\n".write(to: keys, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keys.path)

        let result = try Self.run(Self.snippetRunner.path, [], in: folder)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains(" 0 failed"), "\(result.output)")
    }

    // MARK: console blocks

    /// One command of a `console` block and the lines it must print (`…`: any text).
    struct Command {
        let place: String
        let command: String
        let expected: [String]
    }

    static func commands(in block: Block) -> [Command] {
        var commands: [Command] = []
        for (offset, line) in block.text.components(separatedBy: "\n").enumerated() {
            if line.hasPrefix("$ ") {
                commands.append(Command(place: "\(block.document):\(block.line + offset + 1)",
                                        command: String(line.dropFirst(2)), expected: []))
            } else if let last = commands.popLast() {
                commands.append(Command(place: last.place, command: last.command, expected: last.expected + [line]))
            }
        }
        return commands
    }

    static func matches(_ line: Substring, _ pattern: String) -> Bool {
        let pieces = pattern.components(separatedBy: "…")
        guard pieces.count > 1 else { return line == pattern }
        guard line.hasPrefix(pieces[0]), line.hasSuffix(pieces[pieces.count - 1]),
              line.count >= pieces[0].count + pieces[pieces.count - 1].count else { return false }
        var rest = line.dropFirst(pieces[0].count).dropLast(pieces[pieces.count - 1].count)
        for piece in pieces.dropFirst().dropLast() {
            guard let found = rest.range(of: piece) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }

    @Test func consoleBlocksPrintWhatTheyShow() throws {
        let blocks = try Self.allBlocks("console")
        #expect(blocks.count >= 8)
        let path = CLIRunner.binary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        for block in blocks {
            // Each block runs in a folder of its own that sees the repository's fixtures and rules.
            let folder = try Self.sandbox()
            for name in ["fixtures", "rules"] {
                try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(name),
                                                           withDestinationURL: CLIRunner.packageRoot.appendingPathComponent(name))
            }
            for command in Self.commands(in: block) {
                let result = try Self.run("/bin/bash", ["-c", command.command + " 2>&1"], in: folder, environment: ["PATH": path])
                let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                let expected = command.expected.filter { !$0.isEmpty }
                let same = lines.count == expected.count && zip(lines, expected).allSatisfy { Self.matches($0, $1) }
                #expect(same, "\(command.place): `\(command.command)` printed:\n\(result.output)")
            }
        }
    }

    // MARK: rule files, recipes, links, size

    @Test func ruleFilesOfTheDocsLoad() throws {
        let files = try Self.allBlocks("yaml").filter { $0.text.hasPrefix("version: 1") }
        #expect(files.count >= 3)
        for file in files {
            let folder = try Self.sandbox()
            try file.text.write(to: folder.appendingPathComponent("doc.yaml"), atomically: true, encoding: .utf8)
            let result = try CLIRunner.run(["rules", "list", "--rules", "doc.yaml"], directory: folder)
            #expect(result.status == 0, "\(file.document):\(file.line): \(result.stderr)")
        }
    }

    @Test func keyRecipeAndRotationWork() throws {
        let recipes = try Self.blocks(of: "docs/tokens.md").filter { $0.info == "sh" && $0.text.contains("/etc/piimask/keys") }
        #expect(recipes.count == 2)
        // A machine without the folder: the recipe must make it.
        let etc = try Self.sandbox().appendingPathComponent("etc/piimask")
        for recipe in recipes {
            let script = recipe.text.replacingOccurrences(of: "/etc/piimask", with: etc.path)
            let result = try Self.run("/bin/bash", ["-e", "-c", script], in: try Self.sandbox())
            #expect(result.status == 0, "\(recipe.document):\(recipe.line): \(result.output)")
        }
        let keys = etc.appendingPathComponent("keys")
        let lines = try String(contentsOf: keys, encoding: .utf8).split(separator: "\n")
        #expect(lines.map { $0.prefix(3) } == ["k2 ", "k1 "])
        let mode = try FileManager.default.attributesOfItem(atPath: keys.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let masked = try CLIRunner.run(["--mask", "encrypt", "--token-scope", "global", "--token-key-file", keys.path],
                                       input: "bel 06-12345678\n")
        #expect(masked.status == 0, "\(masked.stderr)")
        #expect(masked.stdout.hasPrefix("bel [PHONE:enc:k2:"))
        let revealed = try CLIRunner.run(["reveal", "--token-key-file", keys.path], input: masked.stdout)
        #expect(revealed.stdout == "bel 06-12345678\n")
    }

    /// GitHub's anchor of a heading: lower case, punctuation dropped, spaces as `-`.
    static func anchor(_ heading: String) -> String {
        String(heading.lowercased().compactMap { character -> Character? in
            if character == " " { return "-" }
            return character.isLetter || character.isNumber || character == "-" || character == "_" ? character : nil
        })
    }

    @Test func linksToTheRepositoryResolve() throws {
        let link = /\]\(([^)\s]+)\)/
        var checked = 0
        for document in Self.documents {
            let text = try Self.text(of: document)
            let folder = CLIRunner.packageRoot.appendingPathComponent(document).deletingLastPathComponent()
            for match in text.matches(of: link) {
                let target = String(match.1)
                if target.contains("://") || target.hasPrefix("mailto:") { continue }
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let file = parts[0].isEmpty ? CLIRunner.packageRoot.appendingPathComponent(document)
                                            : folder.appendingPathComponent(String(parts[0])).standardizedFileURL
                #expect(FileManager.default.fileExists(atPath: file.path), "\(document): \(target) does not exist")
                if parts.count == 2, file.pathExtension == "md", let linked = try? String(contentsOf: file, encoding: .utf8) {
                    let anchors = linked.components(separatedBy: "\n").filter { $0.hasPrefix("#") }
                        .map { Self.anchor($0.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)) }
                    #expect(anchors.contains(String(parts[1])), "\(document): no heading for \(target)")
                }
                checked += 1
            }
        }
        #expect(checked >= 20)
    }

    @Test func readmeIsShortAndNamesTheQuickStartAndTestCommands() throws {
        let readme = try Self.text(of: "README.md")
        #expect(readme.components(separatedBy: "\n").count < 250)
        for marker in ["<!-- command: quick-start -->", "<!-- output: quick-start -->", "<!-- command: test -->"] {
            #expect(readme.contains(marker + "\n```"), "README.md has no \(marker) before a block (.ci/run reads it)")
        }
    }

    // MARK: types, libraries, the library's manifest lines

    /// The types of the built-in rules, from `piimask rules list`.
    static func builtinTypes() throws -> Set<String> {
        let list = try CLIRunner.run(["rules", "list", "--no-builtin-rules", "--rules", CLIRunner.packageRoot.appendingPathComponent("rules").path])
        #expect(list.status == 0, "\(list.stderr)")
        return Set(list.stdout.split(separator: "\n").compactMap { $0.split(separator: "\t").dropFirst().first.map(String.init) })
    }

    /// Every type of the built-in rules is named by `--help`, the OpenAPI file's finding type
    /// and the table of docs/masking.md, and no page counts the types wrong.
    @Test func everyBuiltinTypeIsNamedInHelpOpenAPIAndDocs() throws {
        let types = try Self.builtinTypes()
        #expect(types.count >= 6 && types.contains("bsn"))
        let help = try CLIRunner.run(["--help"]).stdout.lowercased()
        let openAPI = try Self.text(of: "docs/openapi.yaml")
        let findingType = try #require(openAPI.components(separatedBy: "\n").first { $0.contains("type: {type: string, description: \"phone") })
        let masking = try Self.text(of: "docs/masking.md")
        for type in types {
            #expect(help.contains(type == "email" ? "e-mail" : type), "--help does not name \(type)")
            #expect(findingType.contains(" \(type),") || findingType.contains("\"\(type),"), "docs/openapi.yaml's Finding.type does not name \(type)")
            #expect(masking.contains("\n| \(type) | "), "docs/masking.md has no row for \(type)")
        }
        let numbers = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        let right = numbers[types.count - 2]
        for document in Self.documents {
            let text = try Self.text(of: document).lowercased()
            for word in numbers where word != right {
                #expect(!text.contains("\(word) types") && !text.contains("all \(word) "), "\(document) says \(word) types")
            }
        }
    }

    /// The shared libraries docs/packaging.md names are the ones `ldd` lists for `piimask` and
    /// `piimask-stream` (besides the Swift runtime's own, linked statically in a release
    /// build), and only the worker links the NATS library.
    @Test func thePackagingPageNamesEveryLibraryTheBinariesLink() throws {
        let page = try Self.text(of: "docs/packaging.md")
        let start = try #require(page.range(of: "## The binaries' size, libraries and start-up"))
        let section = String(page[start.upperBound...]).components(separatedBy: "\n## ")[0]
        func libraries(of binary: URL) throws -> [String] {
            let result = try Self.run("/usr/bin/ldd", [binary.path], in: try Self.sandbox())
            #expect(result.status == 0, "\(result.output)")
            return result.output.split(separator: "\n").compactMap { line in
                let name = line.trimmingCharacters(in: .whitespaces).components(separatedBy: " ")[0]
                if name.hasPrefix("linux-vdso") || name.contains("ld-linux") || line.contains("/swift/") { return nil }
                return name
            }
        }
        let filter = try libraries(of: CLIRunner.binary)
        let worker = try libraries(of: CLIRunner.binary.deletingLastPathComponent().appendingPathComponent("piimask-stream"))
        for name in Set(filter + worker) {
            #expect(section.contains("`\(name)`"), "ldd lists \(name); docs/packaging.md does not name it")
        }
        #expect(filter.count >= 5)
        #expect(!filter.contains { $0.contains("nats") }, "piimask links \(filter)")
        #expect(worker.contains { $0.hasPrefix("libnats") }, "piimask-stream links \(worker)")
    }

    /// docs/library.md's `swift Package.swift` lines make a manifest SwiftPM loads, depending
    /// on this package (by the folder name `piimask`) for its library product `PIIMask`.
    @Test func theLibraryPagesManifestLinesLoad() throws {
        let block = try #require(try Self.blocks(of: "docs/library.md").first { $0.info == "swift Package.swift" })
        let work = try Self.sandbox()
        let consumer = work.appendingPathComponent("consumer")
        try FileManager.default.createDirectory(at: consumer.appendingPathComponent("Sources/MyApp"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: work.appendingPathComponent("piimask"), withDestinationURL: CLIRunner.packageRoot)
        let manifest = "// swift-tools-version:6.0\nimport PackageDescription\n\nlet package = Package(\n    name: \"consumer\",\n"
            + block.text.components(separatedBy: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n)\n"
        try manifest.write(to: consumer.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        try "import PIIMask\n".write(to: consumer.appendingPathComponent("Sources/MyApp/main.swift"), atomically: true, encoding: .utf8)

        let dump = try Self.run("/usr/bin/env", ["swift", "package", "dump-package"], in: consumer)
        #expect(dump.status == 0, "\(dump.output)")
        let json = try #require(dump.output.firstIndex(of: "{").map { String(dump.output[$0...]) })
        let package = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let dependency = try #require(((package["dependencies"] as? [[String: Any]])?.first?["fileSystem"] as? [[String: Any]])?.first)
        #expect(dependency["identity"] as? String == "piimask")
        let target = try #require((package["targets"] as? [[String: Any]])?.first)
        let product = try #require(((target["dependencies"] as? [[String: Any]])?.first?["product"] as? [Any]))
        #expect(product.prefix(2).compactMap { $0 as? String } == ["PIIMask", "piimask"])
        // The product is this package's library.
        let ours = try Self.text(of: "Package.swift")
        #expect(ours.contains(".library(name: \"PIIMask\", targets: [\"PIIMask\"])"))
        #expect(ours.contains("name: \"piimask\""))
    }
}
