import Testing
import PIIMask

/// The library's report and event entry points (`maskWithFindings`, `maskEvent`).
@Suite struct LibraryAPITests {
    static let masker = try! Masker()

    @Test func maskWithFindingsGivesTextFindingsAndMaskedForms() {
        let result = Self.masker.maskWithFindings("bel +447966197542 of mail melissa@gmail.com")
        #expect(result.text == "bel *********7542 of mail m******@gmail.com")
        #expect(result.findings.map(\.type) == ["phone", "email"])
        #expect(result.findings.map(\.masked) == ["*********7542", "m******@gmail.com"])
        #expect(result.findings[0].range == 4..<17)
        #expect(!result.findings.contains { $0.masked.contains("7966197542") })
    }

    @Test func maskWithFindingsOnCleanTextReturnsItUnchanged() {
        let result = Self.masker.maskWithFindings("no numbers here", field: "task.title")
        #expect(result == MaskResult(text: "no numbers here", findings: []))
    }

    @Test func maskEventRewritesMappedStringsOnly() {
        let event = #"{"event":"message","conversation":"c-1","n":31612345678,"message":{"text":"card 4111 1111 1111 1111"}}"#
        let (text, result) = Self.masker.maskEvent(event)
        #expect(result.isValidJSON)
        #expect(text == #"{"event":"message","conversation":"c-1","n":31612345678,"message":{"text":"card ************1111"}}"#)
        #expect(result.counters.findingsByType["card"] == 1)
    }

    @Test func maskEventFailsClosedOnInvalidJSON() {
        let (text, result) = Self.masker.maskEvent(#"{"message": "ssn 123-45-6789"#)
        #expect(!result.isValidJSON)
        #expect(text == #"{"message": "ssn *******6789"#)
    }
}
