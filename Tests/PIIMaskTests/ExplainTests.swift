import Testing
@testable import PIIMask

/// `Masker.explain`: the candidates in a part of a value, the rules asked and why each
/// matched or declined, never the value's bytes.
@Suite struct ExplainTests {
    static let masker = try! Masker()

    /// The explanation of the first occurrence of `part` in `text`.
    private func explain(_ text: String, _ part: String, field: String? = nil) -> Explanation {
        let bytes = Array(text.utf8)
        let needle = Array(part.utf8)
        let start = (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }!
        return Self.masker.explain(text, range: start..<(start + needle.count), field: field)
    }

    private func decisions(_ explanation: Explanation) -> [RuleDecision] {
        explanation.candidates.flatMap(\.decisions)
    }

    /// Every text an explanation holds: it must quote nothing of the value.
    private func texts(_ explanation: Explanation) -> [String] {
        (explanation.candidates.flatMap(\.decisions) + explanation.notAsked).flatMap { [$0.ruleID, $0.detail] }
            + explanation.masked.flatMap { [$0.ruleID, $0.masked] } + [explanation.field]
    }

    @Test func anOrderNumberIsDeclinedForTheDenyWordNearerThanAnyPhoneWord() {
        let explanation = explain("My order number is 8405217736, thanks", "8405217736")
        #expect(explanation.masked.isEmpty)
        #expect(explanation.candidates.count == 1)
        #expect(explanation.candidates[0].kind == "digits" && explanation.candidates[0].digits == 10)
        let phone = decisions(explanation).filter { $0.type == "phone" }
        #expect(!phone.isEmpty && phone.allSatisfy { $0.outcome == .declined })
        let denied = phone.filter { $0.reason == .denyWordNearer }
        #expect(!denied.isEmpty, "\(phone.map { "\($0.ruleID) \($0.reason)" })")
        #expect(denied.allSatisfy { $0.detail.contains("`order number`") })
        // The other types decline it by its digit count.
        #expect(decisions(explanation).filter { $0.type == "ssn" || $0.type == "bsn" }.allSatisfy { $0.reason == .digitCount })
        #expect(!texts(explanation).contains { $0.contains("8405217736") })
    }

    @Test func aMaskedPhoneSaysWhichRuleMaskedItAndAsWhat() {
        let explanation = explain("call me on +447966197542 please", "+447966197542")
        #expect(explanation.masked.map(\.type) == ["phone"])
        let masked = decisions(explanation).filter { $0.outcome == .masked }
        #expect(masked.count == 1 && masked[0].type == "phone", "\(masked)")
        #expect(masked.first?.detail.contains("*********7542") == true)
        #expect(!texts(explanation).contains { $0.contains("7966197542") || $0.contains("447966") })
    }

    @Test func digitsGluedToALetterHaveALookAlikeShape() {
        let explanation = explain("ticketX447966197542 is closed", "447966197542")
        #expect(explanation.masked.isEmpty)
        let digitDecisions = decisions(explanation)
        #expect(!digitDecisions.isEmpty && digitDecisions.allSatisfy { $0.reason == .lookAlikeShape }, "\(digitDecisions.map(\.reason))")
    }

    @Test func aCardNumberFailingLuhnIsDeclinedByTheValidator() {
        let explanation = explain("card 4111 1111 1111 1112 thanks", "4111 1111 1111 1112")
        let luhn = decisions(explanation).first { $0.ruleID == "card.luhn" }
        #expect(luhn?.reason == .validatorFailed, "\(decisions(explanation).map { "\($0.ruleID) \($0.reason)" })")
        #expect(!texts(explanation).contains { $0.contains("4111") })
    }

    @Test func aValidCardIsMaskedByOneRuleAndEveryOtherAcceptingRuleLostToIt() {
        let explanation = explain("my card number is 4111 1111 1111 1111", "4111 1111 1111 1111")
        #expect(explanation.masked.map(\.type) == ["card"])
        let accepting = decisions(explanation).filter { $0.outcome != .declined }
        #expect(accepting.filter { $0.outcome == .masked }.count == 1, "\(accepting.map { "\($0.ruleID) \($0.outcome)" })")
        #expect(accepting.filter { $0.outcome == .matched }.allSatisfy { $0.reason == .lostToHigherPriority })
    }

    @Test func aBSNWithoutItsWordHasNoContextWordAndWithItIsMasked() {
        let bare = explain("the number 111222333 again", "111222333")
        let context = decisions(bare).first { $0.ruleID == "bsn.context" }
        #expect(context?.reason == .noContextWord, "\(decisions(bare).map { "\($0.ruleID) \($0.reason)" })")
        #expect(context?.detail.contains("`bsn`") == true)
        let worded = explain("mijn bsn is 111222333", "111222333")
        #expect(worded.masked.map(\.type) == ["bsn"], "\(decisions(worded).map { "\($0.ruleID) \($0.reason)" })")
        #expect(!texts(bare).contains { $0.contains("111222333") } && !texts(worded).contains { $0.contains("111222333") })
    }

    @Test func anIBANLikeStringThatFailsItsChecksumIsALookAlike() {
        let explanation = explain("rekening NL91ABNA0417164301 graag", "NL91ABNA0417164301")
        #expect(explanation.masked.isEmpty)
        let iban = explanation.candidates.first { $0.kind == "iban" }
        #expect(iban?.decisions.first?.reason == .lookAlikeShape, "\(explanation.candidates.map(\.kind))")
        #expect(iban?.decisions.first?.detail.contains("mod-97") == true)
        // Its digits are not read as another value.
        let digits = explanation.candidates.filter { $0.kind == "digits" }.flatMap(\.decisions)
        #expect(digits.allSatisfy { $0.reason == .lookAlikeShape })
        #expect(!texts(explanation).contains { $0.contains("0417164301") || $0.contains("ABNA") })
    }

    @Test func anAddressIsExplainedAtItsSiteAndAMentionIsNoAddress() {
        let address = explain("write to jan@example.com today", "jan@example.com")
        #expect(address.candidates.first { $0.kind == "email" }?.decisions.first?.outcome == .masked)
        let mention = explain("thanks @melissa for the help", "@melissa")
        let site = mention.candidates.first { $0.kind == "email" }
        #expect(site?.decisions.allSatisfy { $0.reason == .lookAlikeShape } == true, "\(mention.candidates)")
        #expect(!texts(address).contains { $0.contains("jan@") })
    }

    @Test func rulesNotAskedSayWhy() {
        let explanation = explain("hello there, nothing to see", "nothing")
        #expect(explanation.candidates.isEmpty)
        let reasons = Set(explanation.notAsked.map(\.reason))
        #expect(reasons.isSubset(of: [.noCandidate, .patternNoMatch, .notDetected, .disabled]))
        #expect(explanation.notAsked.count == Self.masker.ruleSet.rules.count, "every rule is accounted for")
    }

    @Test func aRangeIsClampedToTheValue() {
        let explanation = Self.masker.explain("short", range: 3..<400)
        #expect(explanation.range == 3..<5)
        let empty = Self.masker.explain("short", range: 2..<2)
        #expect(empty.range == 2..<3)
    }
}
