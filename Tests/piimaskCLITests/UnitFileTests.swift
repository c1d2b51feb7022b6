import Foundation
import Testing

/// The systemd units and settings files of the Debian package (packaging/): hardened, run as
/// the piimask user, every variable they name is an option of the command, and a fault under
/// the units' own settings prints nothing of the input and leaves no core dump.
@Suite struct UnitFileTests {
    static let units = ["piimask-serve.service": "serve", "piimask-stream@.service": "stream"]

    /// The `Key=value` lines of a unit (a key may repeat).
    static func settings(of unit: String) throws -> [(key: String, value: String)] {
        let text = try String(contentsOf: CLIRunner.packageRoot.appendingPathComponent("packaging/systemd/\(unit)"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), !line.hasPrefix("["), let equals = line.firstIndex(of: "=") else { return nil }
            return (String(line[..<equals]), String(line[line.index(after: equals)...]))
        }
    }

    @Test(arguments: units.keys.sorted())
    func unitsAreHardenedAndRunAsPiimask(unit: String) throws {
        let settings = try Self.settings(of: unit)
        let values = Dictionary(settings.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let expected = [
            "User": "piimask", "Group": "piimask", "NoNewPrivileges": "yes", "ProtectSystem": "strict",
            "ProtectHome": "yes", "PrivateTmp": "yes", "PrivateDevices": "yes", "CapabilityBoundingSet": "",
            "RestrictSUIDSGID": "yes", "LimitCORE": "0", "UMask": "0077",
        ]
        for (key, value) in expected { #expect(values[key] == value, "\(unit): \(key)") }
        #expect(settings.contains { $0.key == "Environment" && $0.value == "SWIFT_BACKTRACE=enable=no" })
        // PCRE2's JIT needs writable code: the unit must not forbid it.
        #expect(values["MemoryDenyWriteExecute"] == nil)
        let command = Self.units[unit]!
        // The worker runs as its own executable (`piimask stream` execs it too).
        let executable = command == "stream" ? "/usr/bin/piimask-stream " : "/usr/bin/piimask \(command)"
        #expect(values["ExecStart"]?.hasPrefix(executable) == true)
        #expect(settings.contains { $0.key == "EnvironmentFile" && $0.value == "-/etc/piimask/\(command).env" })
    }

    @Test(arguments: ["serve", "stream"])
    func everyVariableOfTheSettingsFileIsAnOption(command: String) throws {
        let text = try String(contentsOf: CLIRunner.packageRoot.appendingPathComponent("packaging/etc/\(command).env"), encoding: .utf8)
        let help = try CLIRunner.run([command, "--help"]).stdout
        let variables = text.split(separator: "\n").compactMap { line -> String? in
            let assignment = line.hasPrefix("#") ? line.dropFirst() : line
            guard assignment.hasPrefix("PIIMASK_"), let equals = assignment.firstIndex(of: "=") else { return nil }
            return String(assignment[..<equals])
        }
        #expect(variables.count >= 4)
        for variable in variables {
            let option = "--" + variable.dropFirst("PIIMASK_".count).lowercased().replacingOccurrences(of: "_", with: "-")
            #expect(help.contains(option + " "), "\(command).env: \(variable) is no option of piimask \(command)")
        }
    }

    @Test func optionsComeFromTheEnvironmentAndTheCommandLineWins() throws {
        let folder = FileManager.default.temporaryDirectory
        func serve(_ arguments: [String], _ environment: [String: String]) throws -> (Int32, String) {
            let result = try DocumentationTests.run(CLIRunner.binary.path, ["serve"] + arguments, in: folder, environment: environment)
            return (result.status, result.output)
        }
        let bad = try serve([], ["PIIMASK_LISTEN": "nowhere"])
        #expect(bad.0 == 2 && bad.1.contains("--listen must be HOST:PORT"))
        let flag = try serve([], ["PIIMASK_NO_CONVERSATIONS": "maybe"])
        #expect(flag.0 == 2 && flag.1.contains("PIIMASK_NO_CONVERSATIONS must be 1, true, yes, 0, false or no"))
        // The command line wins: its --listen is taken, so the error is its broken --max-body.
        let wins = try serve(["--listen", "127.0.0.1:8080", "--max-body", "lots"], ["PIIMASK_LISTEN": "nowhere"])
        #expect(wins.0 == 2 && wins.1.contains("--max-body must be"), "\(wins.1)")
        // A repeatable option from a comma-separated list.
        let missingRules = try DocumentationTests.run(
            CLIRunner.binary.path, ["stream", "--partition", "0"], in: folder,
            environment: ["PIIMASK_RULES": "/nonexistent/a.yaml,/nonexistent/b.yaml", "PIIMASK_SERVER": "nats://127.0.0.1:1"])
        #expect(missingRules.status == 2)
        #expect(missingRules.output.contains("/nonexistent/a.yaml"), "\(missingRules.output)")
    }

    /// A fault under the units' `Environment=` and `LimitCORE=`: the one fixed line, no input,
    /// no core file.
    @Test(arguments: units.keys.sorted())
    func aFaultUnderTheUnitsSettingsShowsNoInputAndLeavesNoCore(unit: String) throws {
        let settings = try Self.settings(of: unit)
        let environment = settings.filter { $0.key == "Environment" }.map(\.value)
        let core = try #require(settings.first { $0.key == "LimitCORE" }?.value)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = """
            ulimit -c \(core == "infinity" ? "unlimited" : core)
            { printf 'card 4111 1111 1111 1111 and 0612345678\\n'; sleep 5; } | env \(environment.map { "'\($0)'" }.joined(separator: " ")) "$0" 2>&1 >/dev/null &
            pid=$!; sleep 1; kill -s SEGV $pid; wait $pid; echo "status=$?"
            """
        let result = try DocumentationTests.run("/bin/sh", ["-c", script, CLIRunner.binary.path], in: folder)
        let lines = result.output.split(separator: "\n")
        #expect(lines.first == "piimask: fatal internal error (the process stopped on a fault; no input is shown)")
        #expect(lines.last == "status=139")
        for needle in ["4111", "0612345678", "Registers", "Thread"] { #expect(!result.output.contains(needle)) }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(left.isEmpty, "left in the working folder: \(left)")
    }
}

/// The host's rules folder (`/etc/piimask/rules`, here a temporary one named by
/// `PIIMASK_RULES_FOLDER`): loaded when no `--rules` is given, named by `rules list`.
@Suite struct DefaultRulesFolderTests {
    @Test func theDefaultFolderLoadsUnlessRulesAreGiven() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-etc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let environment = ["PIIMASK_RULES_FOLDER": folder.path]
        func piimask(_ arguments: [String], _ input: String) throws -> (status: Int32, output: String) {
            let script = "printf '%s\\n' \"$1\" | \"$0\" \"${@:2}\""
            return try DocumentationTests.run("/bin/bash", ["-c", script, CLIRunner.binary.path, input] + arguments,
                                              in: folder, environment: environment)
        }
        // An empty folder (no .yaml file) changes nothing.
        #expect(try piimask([], "employee EMP-123456").output == "employee EMP-123456\n")
        try """
            version: 1
            rules:
              - id: local.employee
                type: phone
                pattern: "EMP-[0-9]{6}"
                mask: {label: "[EMP]"}
            """.write(to: folder.appendingPathComponent("local.yaml"), atomically: true, encoding: .utf8)
        #expect(try piimask([], "employee EMP-123456 bel 06-12345678").output == "employee [EMP] bel *******5678\n")
        let list = try piimask(["rules", "list"], "")
        #expect(list.output.contains("local.employee\tphone\t"))
        #expect(list.output.contains("\(folder.path)/local.yaml:3"))
        #expect(list.output.contains("the rule files of \(folder.path) are loaded after the built-in rules"))
        // --rules replaces it, and so does --no-builtin-rules.
        let other = folder.appendingPathComponent("other.yml.txt")
        try "version: 1\n".write(to: other, atomically: true, encoding: .utf8)
        #expect(try piimask(["--rules", other.path], "employee EMP-123456").output == "employee EMP-123456\n")
        // A broken file in it stops piimask (fail closed), naming the file.
        try "version: 1\nrules:\n  - id: local.broken\n    type: phone\n    pattern: \"(\"\n    mask: {label: x}\n"
            .write(to: folder.appendingPathComponent("z-broken.yaml"), atomically: true, encoding: .utf8)
        let broken = try piimask([], "x")
        #expect(broken.status == 2)
        #expect(broken.output.contains("z-broken.yaml:3: rule local.broken: pattern"))
    }
}
