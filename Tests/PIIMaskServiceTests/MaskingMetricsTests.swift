import MetricsTestKit
import PIIMask
import PIIMaskService
import Testing

/// What `MaskingMetrics` records, per type and rule, from the library's results.
@Suite struct MaskingMetricsTests {
    static let masker = try! Masker()

    @Test func findingsAreCountedPerTypeAndRule() throws {
        let metrics = TestMetrics()
        let recorder = MaskingMetrics(factory: metrics)
        let text = "bel +447966197542 of 06-12345678, mail melissa@gmail.com"
        let result = Self.masker.maskWithFindings(text)
        recorder.record(findings: result.findings)
        recorder.recordBytes(in: text.utf8.count, out: result.text.utf8.count)

        #expect(try metrics.expectCounter("piimask_findings_total", [("type", "phone")]).totalValue == 2)
        #expect(try metrics.expectCounter("piimask_findings_total", [("type", "email")]).totalValue == 1)
        let rules = Set(result.findings.map(\.ruleID))
        var perRule: Int64 = 0
        for rule in rules {
            let type = result.findings.first { $0.ruleID == rule }!.type
            perRule += try metrics.expectCounter("piimask_rule_findings_total", [("type", type), ("rule", rule)]).totalValue
        }
        #expect(perRule == 3)
        #expect(try metrics.expectCounter("piimask_masked_values_total").totalValue == 1)
        #expect(try metrics.expectCounter("piimask_bytes_in_total").totalValue == Int64(text.utf8.count))
        #expect(try metrics.expectCounter("piimask_bytes_out_total").totalValue == Int64(result.text.utf8.count))
    }

    @Test func eventCountersAreCountedPerType() throws {
        let metrics = TestMetrics()
        let recorder = MaskingMetrics(factory: metrics)
        let (_, result) = Self.masker.maskEvent(#"{"message":{"text":"card 4111 1111 1111 1111"},"task":{"title":"+447966197542"}}"#)
        recorder.record(result.counters)
        #expect(try metrics.expectCounter("piimask_findings_total", [("type", "card")]).totalValue == 1)
        #expect(try metrics.expectCounter("piimask_findings_total", [("type", "phone")]).totalValue == 1)
        #expect(try metrics.expectCounter("piimask_masked_values_total").totalValue == 2)
    }

    @Test func cleanValuesRecordNothing() {
        let metrics = TestMetrics()
        let recorder = MaskingMetrics(factory: metrics)
        recorder.record(findings: Self.masker.maskWithFindings("nothing to see").findings)
        recorder.record(MaskCounters())
        #expect((try? metrics.expectCounter("piimask_masked_values_total"))?.totalValue ?? 0 == 0)
        #expect((try? metrics.expectCounter("piimask_findings_total", [("type", "phone")])) == nil)
    }
}
