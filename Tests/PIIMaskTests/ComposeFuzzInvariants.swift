import Foundation
@testable import PIIMask

/// The `compose-check` fuzz target: `ComposerCheck` over the input as text (invalid UTF-8
/// read as U+FFFD, as a JSON reader gives it), and `AgentMessage` over the input as an
/// event, with these properties:
///
/// 1. **Ranges**: every finding's byte range lies in the text's UTF-8 form, on scalar
///    boundaries, and its character range is those bytes counted in scalars.
/// 2. **Reasons**: one `reservedCharacter` per reserved scalar; `tooLong` exactly when the
///    text has more scalars than the limit (chosen by the input), last, with that length;
///    the `pii` findings are the masker's findings in the text.
/// 3. **A planted value** (`"; " + value + " "` of `FuzzInvariants.plantedValues`) is covered
///    by a `pii` finding.
/// 4. **Events**: `AgentMessage` reads any bytes without trapping, and reads an agent's
///    message event written by `JSONSerialization` back to its text.
final class ComposeFuzzInvariants: FuzzChecker {
    private let masker: Masker
    private var violations: [String] = []

    /// A checker over `masker` (the built-in rules).
    init(masker: Masker) {
        self.masker = masker
    }

    func check(_ input: UnsafeRawBufferPointer) -> [String] {
        violations = []
        let bytes = [UInt8](input)
        let limit = bytes.first.map(Int.init) ?? ComposerCheck.defaultLimit
        let text = String(decoding: bytes, as: UTF8.self)
        checkFindings(text, limit: limit, label: "compose")

        let plant = FuzzInvariants.Plant(bytes)
        let value = FuzzInvariants.plantedValues[plant.value]
        let material = String(decoding: FuzzInvariants.defused(bytes, value), as: UTF8.self)
        let scalars = Array(material.unicodeScalars)
        let split = plant.offset % (scalars.count + 1)
        var planted = String(String.UnicodeScalarView(scalars[..<split])) + "; "
        let start = planted.utf8.count
        planted += String(decoding: value, as: UTF8.self)
        let end = planted.utf8.count
        let rest = String(String.UnicodeScalarView(scalars[split...]))
        planted += String(decoding: FuzzInvariants.end(before: rest.utf8), as: UTF8.self) + rest
        let findings = checkFindings(planted, limit: limit, label: "compose planted")
        let covered = findings.contains { finding in
            if case .pii = finding.reason { return finding.bytes.overlaps(start..<end) }
            return false
        }
        if !covered { fail("compose planted: \(String(decoding: value, as: UTF8.self)) not found") }

        _ = AgentMessage(event: bytes)
        let event: [String: Any] = ["event": "message", "message": ["from": "agent", "text": planted]]
        if let data = try? JSONSerialization.data(withJSONObject: event) {
            if AgentMessage(event: Array(data)) != .text(planted) { fail("compose event: the agent's text not read back") }
        } else {
            fail("compose event: JSONSerialization cannot write the event")
        }
        return violations
    }

    private func fail(_ message: String) {
        violations.append(message)
    }

    /// Checks 1 and 2 on `text`; returns the findings.
    @discardableResult
    private func checkFindings(_ text: String, limit: Int, label: String) -> [ComposerFinding] {
        let check = ComposerCheck(masker: masker, limit: limit)
        let findings = check.check(text)
        // The scalar index at each byte offset that starts a scalar (and at the end).
        var scalarAt: [Int: Int] = [:]
        var offset = 0
        var count = 0
        var reserved = 0
        for scalar in text.unicodeScalars {
            scalarAt[offset] = count
            offset += UTF8.width(scalar)
            count += 1
            if ComposerCheck.defaultReserved.contains(scalar) { reserved += 1 }
        }
        scalarAt[offset] = count
        var pii: [Range<Int>] = []
        var reservedFound = 0
        for (index, finding) in findings.enumerated() {
            switch finding.reason {
            case .tooLong(let length, let findingLimit):
                if index != findings.count - 1 || length != count || findingLimit != limit {
                    fail("\(label): tooLong not last or with the wrong length")
                }
                continue
            case .reservedCharacter: reservedFound += 1
            case .pii: pii.append(finding.bytes)
            }
            guard let lower = scalarAt[finding.bytes.lowerBound], let upper = scalarAt[finding.bytes.upperBound] else {
                fail("\(label): finding bytes \(finding.bytes) not on scalar boundaries of \(offset) bytes")
                continue
            }
            if finding.characters != lower..<upper {
                fail("\(label): finding characters \(finding.characters), its bytes are scalars \(lower..<upper)")
            }
        }
        let tooLong = findings.contains { if case .tooLong = $0.reason { true } else { false } }
        if tooLong != (count > limit) { fail("\(label): \(count) scalars, limit \(limit), tooLong \(tooLong)") }
        if reservedFound != reserved { fail("\(label): \(reserved) reserved characters, \(reservedFound) reported") }
        let expected = masker.findings(in: text).map(\.range).sorted { $0.lowerBound < $1.lowerBound }
        if pii != expected { fail("\(label): the pii findings are not the masker's") }
        return findings
    }
}
