import Foundation
import Testing
@testable import PIIMask

@Suite struct TokenMaskTests {
    static func ring(_ seeds: [(String, UInt8)]) throws -> TokenKeyRing {
        try TokenKeyRing(keys: seeds.map { try TokenKey(id: $0.0, secret: [UInt8](repeating: $0.1, count: 32)) })
    }

    static func masker(_ kind: TokenMask.Kind, _ keys: TokenKeyRing, scope: TokenMask.Scope = .global) throws -> Masker {
        try Masker(ruleSet: RuleSet.builtin().bindingTokens(keys: keys, kind: kind, scope: scope))
    }

    @Test func sameValueSameTokenDifferentKeysDifferentTokens() throws {
        let a = try Self.masker(.token, Self.ring([("k1", 1)]))
        let b = try Self.masker(.token, Self.ring([("k1", 2)]))
        let first = a.mask("call 06-12345678")
        #expect(first == a.mask("call 06-12345678"))
        #expect(first.hasPrefix("call [PHONE:k1:"))
        #expect(first.hasSuffix(":5678]"))
        #expect(first != b.mask("call 06-12345678"))
        #expect(first != a.mask("call 06-12345679"))
    }

    @Test func tokensNormaliseTheValue() throws {
        let masker = try Self.masker(.token, Self.ring([("k1", 1)]))
        #expect(masker.mask("card 4111 1111 1111 1111") == masker.mask("card 4111-1111-1111-1111"))
        #expect(masker.mask("mail Melissa@Gmail.com") == masker.mask("mail melissa@gmail.com"))
        #expect(masker.mask("iban NL91 ABNA 0417 1643 00") == masker.mask("iban nl91abna0417164300"))
    }

    @Test func everyRuleMasksWithTokens() throws {
        let ruleSet = try RuleSet.builtin().bindingTokens(keys: Self.ring([("k1", 1)]), kind: .token, scope: .global)
        #expect(ruleSet.rules.allSatisfy { $0.mask.token?.kind == .token && $0.mask.label == nil })
        let masker = try Masker(ruleSet: ruleSet)
        let text = "06-12345678 melissa@gmail.com 4111111111111111 NL91ABNA0417164300 123-45-6789"
        let masked = masker.mask(text)
        for label in ["PHONE", "EMAIL", "CARD", "IBAN", "SSN"] { #expect(masked.contains("[\(label):k1:")) }
        #expect(!masked.contains("*"))
    }

    @Test func encryptRoundTripsExactlyAndNeverHoldsTheValue() throws {
        let keys = try Self.ring([("k1", 7)])
        let masker = try Self.masker(.encrypt, keys)
        let values = ["+31 6 12345678", "m.devries+chat@example.co.uk", "4111 1111 1111 1111",
                      "NL91 ABNA 0417 1643 00", "123-45-6789"]
        let text = "a " + values.joined(separator: " and ") + " z"
        let masked = masker.mask(text)
        #expect(masked == masker.mask(text))
        for value in values {
            #expect(!masked.contains(value))
            let digits = value.filter(\.isNumber)
            for length in [5] where digits.count >= length {
                for start in 0...(digits.count - length) {
                    let piece = digits.dropFirst(start).prefix(length)
                    #expect(!masked.contains(piece), "digits of a value in the token")
                }
            }
        }
        let revealed = try TokenRevealer(keys: keys).reveal(Array(masked.utf8))
        #expect(String(decoding: revealed, as: UTF8.self) == text)
    }

    /// Values found on the folded view (full-width forms, Unicode spaces, look-alike `@`)
    /// reveal to the bytes as written, not to their folded form (found by the `reveal` fuzz
    /// target; seed fuzz/corpus/reveal/found-folded-value-reveals-folded).
    @Test(arguments: ["４１１１ １１１１ １１１１ １１１１", "melissa＠gmail.com", "+31\u{00A0}6\u{00A0}1234\u{200B}5678",
                      "123\u{2013}45\u{2013}6789", "NL91\u{202F}ABNA\u{202F}0417\u{202F}1643\u{202F}00"])
    func encryptOfAFoldedValueRevealsItAsWritten(value: String) throws {
        let keys = try Self.ring([("k1", 7)])
        let masker = try Self.masker(.encrypt, keys)
        let text = "x; " + value + " y"
        let masked = masker.mask(text)
        #expect(masked.contains(":enc:k1:"), "\(masked)")
        #expect(!masked.contains(value))
        let revealed = try TokenRevealer(keys: keys).reveal(Array(masked.utf8))
        #expect(String(decoding: revealed, as: UTF8.self) == text)
    }

    @Test func wrongKeyOrAlteredTokenFailsWithoutOutput() throws {
        let masked = try Self.masker(.encrypt, Self.ring([("k1", 7)])).mask("bel 06-12345678")
        #expect(throws: TokenKeyError.self) { try TokenRevealer(keys: Self.ring([("k1", 8)])).reveal(Array(masked.utf8)) }
        #expect(throws: TokenKeyError.self) { try TokenRevealer(keys: Self.ring([("k2", 7)])).reveal(Array(masked.utf8)) }
        var altered = Array(masked.utf8)
        let index = altered.count - 3
        altered[index] = altered[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(throws: TokenKeyError.self) { try TokenRevealer(keys: Self.ring([("k1", 7)])).reveal(altered) }
        // The type is authenticated: a token relabelled as another type does not open.
        let relabelled = masked.replacingOccurrences(of: "[PHONE:", with: "[SSN:")
        #expect(throws: TokenKeyError.self) { try TokenRevealer(keys: Self.ring([("k1", 7)])).reveal(Array(relabelled.utf8)) }
    }

    @Test func oldTokensRevealAfterRotation() throws {
        let old = try Self.masker(.encrypt, Self.ring([("k1", 7)])).mask("bel 06-12345678")
        let rotated = try Self.ring([("k2", 9), ("k1", 7)])
        let new = try Self.masker(.encrypt, rotated).mask("bel 06-12345678")
        #expect(new.contains(":enc:k2:"))
        let revealer = TokenRevealer(keys: rotated)
        #expect(String(decoding: try revealer.reveal(Array((old + " " + new).utf8)), as: UTF8.self)
                == "bel 06-12345678 bel 06-12345678")
    }

    @Test func conversationScopeKeysTokensPerConversation() throws {
        let masker = try Self.masker(.token, Self.ring([("k1", 1)]), scope: .conversation)
        let a1 = try masker.mask("bel 06-12345678", conversation: "C-1")
        #expect(a1 == (try masker.mask("bel 06-12345678", conversation: "C-1")))
        #expect(a1 != (try masker.mask("bel 06-12345678", conversation: "C-2")))
        let global = try Self.masker(.token, Self.ring([("k1", 1)])).mask("bel 06-12345678")
        #expect(a1 != global)
        #expect(throws: TokenKeyError.self) { try masker.mask("bel 06-12345678", conversation: nil) }
        // Entry points without a conversation id write stars, never an unscoped token.
        #expect(masker.mask("bel 06-12345678") == "bel ***********")
    }

    @Test func encryptScopedPerConversationDiffersAndStillReveals() throws {
        let keys = try Self.ring([("k1", 7)])
        let masker = try Self.masker(.encrypt, keys, scope: .conversation)
        let a = try masker.mask("bel 06-12345678", conversation: "C-1")
        let b = try masker.mask("bel 06-12345678", conversation: "C-2")
        #expect(a != b)
        #expect(String(decoding: try TokenRevealer(keys: keys).reveal(Array(b.utf8)), as: UTF8.self) == "bel 06-12345678")
    }

    @Test func noKeysNoTokens() throws {
        #expect(throws: TokenKeyError.self) { try RuleSet.builtin().bindingTokens(keys: nil, kind: .token) }
        #expect(throws: TokenKeyError.self) { try TokenKey(id: "k1", secret: [UInt8](repeating: 1, count: 31)) }
        #expect(throws: TokenKeyError.self) { try TokenKey(id: "k:1", secret: [UInt8](repeating: 1, count: 32)) }
    }

    @Test func keyFileFormat() throws {
        let secret = Data([UInt8](repeating: 3, count: 32)).base64EncodedString()
        let ring = try TokenKeyRing.parse(Array("# keys\n\nk2 \(secret)\nk1\t\(secret)\r\n".utf8), file: "f")
        #expect(ring.keys.map(\.id) == ["k2", "k1"])
        #expect(ring.current.id == "k2")
        for bad in ["k1", "k1 \(secret) extra", "k1 not*base64", "k1 \(secret)\nk1 \(secret)", "# nothing\n",
                    "k1 " + Data([UInt8](repeating: 3, count: 31)).base64EncodedString()] {
            #expect(throws: TokenKeyError.self) { try TokenKeyRing.parse(Array(bad.utf8), file: "f") }
            do { _ = try TokenKeyRing.parse(Array(bad.utf8), file: "f") } catch {
                #expect(!error.description.contains(secret))
            }
        }
    }

    @Test func ruleFilesDeclareTokenMasks() throws {
        let yaml = """
            version: 1
            rules:
              - id: phone.national
                mask: {kind: encrypt, token_scope: global}
              - id: card.luhn
                mask: {kind: token, keep_last: 0}
            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tokens-\(UUID()).yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let loaded = try RuleSet.load(paths: [url.path])
        #expect(loaded.usesConversationScopedTokens)
        let phone = try #require(loaded.rules.first { $0.id == "phone.national" }?.mask.token)
        #expect(phone.kind == .encrypt && phone.scope == .global)
        let bound = try loaded.bindingTokens(keys: Self.ring([("k1", 1)]), scope: .global)
        let masked = try Masker(ruleSet: bound).mask("bel 06-12345678, kaart 4111 1111 1111 1111")
        #expect(masked.contains("[PHONE:enc:k1:"))
        #expect(masked.range(of: #"\[CARD:k1:[0-9a-f]{16}\]"#, options: .regularExpression) != nil)
        for bad in ["{kind: hash}", "{kind: token, label: \"[X]\"}", "{token_scope: global}", "{kind: token, token_scope: world}"] {
            let text = "version: 1\nrules:\n  - id: phone.national\n    mask: \(bad)\n"
            try text.write(to: url, atomically: true, encoding: .utf8)
            #expect(throws: RuleError.self) { try RuleSet.load(paths: [url.path]) }
        }
    }
}
