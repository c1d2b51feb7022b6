import Testing
@testable import PIIMask

@Suite struct ComposerCheckTests {
    let check = ComposerCheck(masker: try! Masker())

    @Test func limitCountsCharactersNotBytes() {
        let atLimit = String(repeating: "é", count: 999) + "😀"   // 1,000 scalars, 2,002 bytes
        #expect(check.check(atLimit).isEmpty)
        let over = atLimit + "ß"
        let findings = check.check(over)
        #expect(findings == [ComposerFinding(reason: .tooLong(length: 1_001, limit: 1_000),
                                             characters: 1_000..<1_001, bytes: 2_002..<2_004)])
    }

    @Test func reservedCharactersAndPIIWithPositions() {
        let findings = check.check("Hé <naam>, bel 06-12345678")
        #expect(findings.map(\.reason) == [.reservedCharacter("<"), .reservedCharacter(">"),
                                           .pii(type: "phone", ruleID: "phone.national")])
        #expect(findings.map(\.characters) == [3..<4, 8..<9, 15..<26])
        #expect(findings.map(\.bytes) == [4..<5, 9..<10, 16..<27])
    }

    @Test func fieldCategoryDecidesWhatIsPII() throws {
        let ruleSet = try RuleSet.merge(BuiltinRules.files.map { ("builtin:\($0.name)", $0.text) } + [("contact.yaml", """
            version: 1
            fields:
              - {id: contact.only, new: true, detect: [phone, email]}
            """)])
        let contactCheck = ComposerCheck(masker: try Masker(ruleSet: ruleSet), field: "contact.only")
        #expect(contactCheck.check("card 4111 1111 1111 1111").isEmpty)
        #expect(contactCheck.check("bel 06-12345678").map(\.reason) == [.pii(type: "phone", ruleID: "phone.national")])
        // Every built-in category masks a card number (PCI fails closed).
        #expect(ComposerCheck(masker: check.masker, field: "task.title").check("card 4111 1111 1111 1111").count == 1)
        #expect(check.check("card 4111 1111 1111 1111").map(\.reason) == [.pii(type: "card", ruleID: "card.luhn")])
    }

    @Test func agentMessagesAreReadFromEvents() {
        let agent = #"{"event":"message","message":{"from":"agent","text":"bel <06-12345678>"}}"#
        let customer = #"{"event":"message","message":{"from":"customer","text":"bel 06-12345678"}}"#
        #expect(AgentMessage(event: Array(agent.utf8)) == .text("bel <06-12345678>"))
        #expect(AgentMessage(event: Array(customer.utf8)) == .otherEvent)
        #expect(AgentMessage(event: Array(#"{"event":"wrapup"}"#.utf8)) == .otherEvent)
        #expect(AgentMessage(event: Array("not json".utf8)) == .invalid)
        #expect(AgentMessage(event: Array(#"{"event":"message","message":{"from":"agent"}}"#.utf8)) == .invalid)
    }

    @Test func anAgentsTextIsReadBackExactlyAsSent() {
        // A U+FEFF at the start of the text or after an escape, which Foundation's parser drops.
        let cases: [(json: String, text: String)] = [
            ("\u{FEFF}bel 0612345678", "\u{FEFF}bel 0612345678"),
            (#"zeg \""# + "\u{FEFF}0612345678" + #"\""#, "zeg \"\u{FEFF}0612345678\""),
            (#"a\\"# + "\u{FEFF}", "a\\\u{FEFF}"),
        ]
        for (json, text) in cases {
            let event = #"{"event":"message","message":{"from":"agent","text":""# + json + #""}}"#
            #expect(AgentMessage(event: Array(event.utf8)) == .text(text))
        }
    }
}
