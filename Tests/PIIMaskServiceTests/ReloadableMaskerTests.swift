import Foundation
import MetricsTestKit
import PIIMask
import PIIMaskService
import Testing

/// Rule reload: new rules swap in, a broken file keeps the old ones, both are counted.
@Suite struct ReloadableMaskerTests {
    /// A user rule file that masks employee ids (`EMP-123456`) as a label.
    static let employeeRule = """
        version: 1
        rules:
          - id: user.employee
            type: phone
            pattern: "EMP-[0-9]{6}"
            mask: {label: "[EMP]"}
        """

    /// A folder of its own with `user.yaml` holding `contents`.
    static func ruleFile(_ contents: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("piimask-reload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("user.yaml")
        try contents.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func reloadPutsChangedRulesInEffect() async throws {
        let file = try Self.ruleFile("version: 1\n")
        let metrics = TestMetrics()
        let holder = try ReloadableMasker(configuration: RuleConfiguration(paths: [file.path]),
                                          metrics: MaskingMetrics(factory: metrics))
        let before = holder.current
        #expect(before.mask("id EMP-123456") == "id EMP-123456")

        try Self.employeeRule.write(to: file, atomically: true, encoding: .utf8)
        guard case .reloaded = await holder.reload() else {
            Issue.record("reload failed")
            return
        }
        #expect(holder.current.mask("id EMP-123456") == "id [EMP]")
        #expect(before.mask("id EMP-123456") == "id EMP-123456", "a masker already taken keeps its rules")
        #expect(holder.status == ReloadStatus(succeeded: 1, failed: 0, lastError: nil))
        #expect(try metrics.expectCounter("piimask_rule_reloads_total", [("result", "success")]).totalValue == 1)
    }

    @Test func brokenFileKeepsTheRulesInEffect() async throws {
        let file = try Self.ruleFile(Self.employeeRule)
        let metrics = TestMetrics()
        let holder = try ReloadableMasker(configuration: RuleConfiguration(paths: [file.path]),
                                          metrics: MaskingMetrics(factory: metrics))
        let before = holder.current

        try "version: 1\nrules:\n  - {id: user.broken, type: phone, pattern: \"EMP-(\", mask: {}}\n"
            .write(to: file, atomically: true, encoding: .utf8)
        guard case .failed(let error) = await holder.reload() else {
            Issue.record("a broken rule file was accepted")
            return
        }
        #expect(error.file.hasSuffix("user.yaml"))
        #expect(error.line == 3)
        #expect(error.ruleID == "user.broken")
        #expect(holder.current === before)
        #expect(holder.current.mask("id EMP-123456") == "id [EMP]")
        #expect(holder.status.failed == 1 && holder.status.succeeded == 0)
        #expect(holder.status.lastError?.contains("user.yaml:3") == true)
        #expect(try metrics.expectCounter("piimask_rule_reloads_total", [("result", "failure")]).totalValue == 1)
    }

    @Test func initialBrokenFileIsAStartUpError() throws {
        let file = try Self.ruleFile("version: 1\nrules:\n  - {id: x, type: phone, pattern: \"(\", mask: {}}\n")
        #expect(throws: RuleError.self) {
            try ReloadableMasker(configuration: RuleConfiguration(paths: [file.path]))
        }
    }

    @Test func concurrentReloadsLeaveTheNewestRules() async throws {
        let file = try Self.ruleFile(Self.employeeRule)
        let holder = try ReloadableMasker(configuration: RuleConfiguration(paths: [file.path]))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { _ = await holder.reload() } }
        }
        #expect(holder.status.succeeded == 8)
        #expect(holder.current.mask("id EMP-123456") == "id [EMP]")
    }
}
