@testable import PIIMask

/// The `reveal` fuzz target: text masked with `encrypt` tokens (`--mask encrypt`, scoped
/// globally) and revealed (`piimask reveal`, `TokenRevealer`) with a rotated key ring, with
/// these properties:
///
/// 1. **Round trip**: every line of the input, with a value of `FuzzInvariants.plantedValues`
///    planted in it (`"; " + value + " "`), masked then revealed is the line again, and the
///    masked line holds the value nowhere raw. (A line that already holds what reads as a
///    token that does not open is left out: revealing it rightly fails.)
/// 2. **Plain text passes**: a line without `:enc:` reveals to itself.
/// 3. **Altered tokens fail closed**: the masked line with one byte of a token changed (the
///    byte the input chooses) either reveals to the planted line (the byte carried no
///    information) or throws; the error names no value.
/// 4. **No trap** on any bytes given to the revealer.
final class RevealFuzzInvariants: FuzzChecker {
    private let masker: Masker
    private let revealer: TokenRevealer
    private var violations: [String] = []

    /// A checker over `masker`'s rules with every value masked as an `encrypt` token of key
    /// `k1`; tokens are revealed with the ring `k2, k1` (after a rotation).
    init(masker: Masker) {
        let old = try! TokenKey(id: "k1", secret: (0..<32).map { UInt8($0) })
        let new = try! TokenKey(id: "k2", secret: (0..<32).map { UInt8(255 - $0) })
        let ruleSet = try! masker.ruleSet.bindingTokens(keys: try! TokenKeyRing(keys: [old]), kind: .encrypt, scope: .global)
        self.masker = try! Masker(ruleSet: ruleSet)
        revealer = TokenRevealer(keys: try! TokenKeyRing(keys: [new, old]))
    }

    func check(_ input: UnsafeRawBufferPointer) -> [String] {
        violations = []
        let bytes = [UInt8](input)
        _ = try? revealer.reveal(bytes)
        let plant = FuzzInvariants.Plant(bytes)
        let value = FuzzInvariants.plantedValues[plant.value]
        let material = FuzzInvariants.defused(bytes, value)
        for (index, line) in FuzzInvariants.lines(material).enumerated() {
            let revealedAsIs = try? revealer.reveal(line)
            if !FuzzInvariants.contains(line, Array(":enc:".utf8)), revealedAsIs != line {
                fail("reveal: line \(index + 1) without a token does not reveal to itself")
            }
            guard revealedAsIs == line else { continue }
            let offset = plant.offset % (line.count + 1)
            let planted = Array(line[..<offset]) + Array("; ".utf8) + value + [UInt8(ascii: " ")] + line[offset...]
            var masked: [UInt8] = []
            planted.withUnsafeBytes { _ = masker.mask(utf8: $0, policy: masker.defaultPolicy, appendingTo: &masked) }
            if FuzzInvariants.contains(masked, value) {
                fail("reveal: \(String(decoding: value, as: UTF8.self)) left raw in line \(index + 1)")
            }
            do {
                if try revealer.reveal(masked) != planted {
                    fail("reveal: line \(index + 1) masked and revealed is not the line")
                }
            } catch {
                fail("reveal: line \(index + 1) masked does not reveal: \(error)")
            }
            checkAltered(masked, planted: planted, value: value, choice: plant.path &* 251 &+ offset, line: index + 1)
        }
        return violations
    }

    private func fail(_ message: String) {
        violations.append(message)
    }

    /// The first `:enc:k1:` of a token the masker wrote (`[TYPE:enc:k1:…]`, no `[` inside,
    /// that opens) and its closing `]`: the input's own text may hold the same marker in a
    /// token that is none, or around a real one.
    private func firstOpeningToken(in masked: [UInt8]) -> (marker: Int, close: Int)? {
        let marker = Array(":enc:k1:".utf8)
        var from = 0
        while let found = FuzzInvariants.firstIndex(of: marker, in: Array(masked[from...])).map({ $0 + from }) {
            from = found + 1
            guard let open = masked[..<found].lastIndex(of: UInt8(ascii: "[")),
                  let close = masked[found...].firstIndex(of: UInt8(ascii: "]")),
                  !masked[(open + 1)..<close].contains(UInt8(ascii: "[")) else { continue }
            let token = Array(masked[open...close])
            if let revealed = try? revealer.reveal(token), revealed != token { return (found, close) }
        }
        return nil
    }

    /// Check 3: one byte of the token changed, chosen by `choice`.
    private func checkAltered(_ masked: [UInt8], planted: [UInt8], value: [UInt8], choice: Int, line: Int) {
        guard let (marker, close) = firstOpeningToken(in: masked) else {
            return fail("reveal: line \(line): no encrypt token in the masked line")
        }
        let body = (marker + 8)..<close
        guard !body.isEmpty else { return fail("reveal: line \(line): an empty token") }
        var altered = masked
        let position = body.lowerBound + choice % body.count
        altered[position] = altered[position] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        do {
            if try revealer.reveal(altered) != planted {
                fail("reveal: line \(line): an altered token revealed something else")
            }
        } catch {
            if FuzzInvariants.contains(Array(error.description.utf8), value) {
                fail("reveal: line \(line): the error names the value")
            }
        }
    }
}
