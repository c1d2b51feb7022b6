// The properties the libFuzzer target checks on every input, and `swift test` on every file
// of fuzz/corpus/ (FuzzCorpusReplayTests). One file for both: the fuzz package
// (fuzz/Package.swift) compiles it through a symbolic link. It uses nothing but PIIMask and
// the standard library, so that the fuzz target stays fast.
@testable import PIIMask

/// Checks one fuzz input against the filter's contracts and returns what it found broken
/// (empty when all holds). Not thread-safe: one instance per thread.
///
/// Each input is checked seven ways (the `text` fuzz target runs 1, 4 and 6, the `ndjson`
/// target 2, 3, 5 and 7, `swift test`'s replay of the first corpora all seven):
///
/// 1. **Text lines.** The input, masked as text lines the way the filter masks a block, has
///    exactly as many `\n` as the input, and every output line equals that line masked on
///    its own (so the block path's prefilter never skips a line with a finding).
/// 2. **NDJSON lines** (`--on-invalid mask`). The same count of `\n`; every line that was
///    valid JSON is still valid JSON, and equals the line rewritten with every string masked
///    under its path's policy without the prefilter; every invalid line equals the line
///    masked as text.
/// 3. **NDJSON lines** (`--on-invalid drop`): exactly the valid lines of (2), in order.
/// 4. **A planted value in text.** One of `plantedValues` is inserted at an input-chosen
///    offset, as `"; " + value + " "`, and must not appear raw in the masked output. Copies
///    of the value already in the input are broken up first (`defused`): glued to other
///    bytes they may rightly stay.
/// 5. **A planted value in an event.** The same value goes into one string of a small chat
///    event whose other strings are the input, escaped; the event must be valid JSON, its
///    output one valid JSON line, and neither the output bytes (outside escape sequences) nor
///    any decoded string of it may hold the value.
/// 6. **Planted values in a list, in text.** One of `listValues` is inserted at the same
///    offset after a number and a space, after another of `listValues` and a space, or both
///    (`"; 25 4111111111111111 "`, `"; +31612345678 4111111111111111 "`,
///    `"; 25 +31612345678 4111111111111111 "`, `"; +31612345678 25 4111111111111111 "`);
///    neither value may appear raw in the masked output (issue 8: every value of a list).
/// 7. **Planted values in a list, in an event**: the same inserted bytes go into the event
///    of (5), with the same oracle for both values.
///
/// Why `"; "` before the value and a space after (`"; "` after too when the bytes that follow
/// start with a digit or a byte that may fold to one, `FuzzInvariants.end(before:)`: a value
/// followed by more digit groups of its own grouping makes a longer number, a tracking number
/// of 20 digits or more whose stretches are kept; README, "The policy for digit runs"): the
/// built-in rules deliberately leave alone a digit group that continues a digit run (`5 4111
/// 1111 1111 1111`: a digit and a space before it), the group after an IBAN-like prefix (`ABCD ` or `AB12 ` before) and
/// anything glued to letters, digits or `.`, `/`, `-`, `#`, `@`, `_` (README, "The policy
/// for digit runs"). Glued to its neighbours the value legitimately reads as part of
/// something else; the `;` keeps it a standalone token whatever random bytes come before.
/// Every planted value is masked by a rule without context words, so no word in the random
/// bytes may cancel it.
///
/// Why a list plant is not glued to its neighbours: each of `listValues` is one token (no
/// space inside) that no rule reads as the group of a longer run, so a number or a value
/// and one space before it make a list (`amount 25 4111111111111111`), not a longer value.
///
final class FuzzInvariants: FuzzChecker {
    /// Which of the checks run.
    enum Part: Sendable {
        /// All seven.
        case all
        /// Text lines: 1, 4 and 6.
        case text
        /// NDJSON lines and events: 2, 3, 5 and 7.
        case events
    }

    /// The label of the violations of (6) and (7).
    static let listViolationPrefix = "planted list"

    /// The values planted into inputs: one per built-in type, compact, grouped and obfuscated.
    static let plantedValues: [[UInt8]] = [
        "+447966197542", "+31 6 12345678", "4111 1111 1111 1111", "5555-5555-5555-4444",
        "NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "melissa@gmail.com",
        "j.de.vries+chat@example.co.uk", "123-45-6789", "078 05 1121",
        // Obfuscated and copy-pasted (read on the folded view).
        "４１１１１１１１１１１１１１１１", "+31\u{00A0}6\u{00A0}1234\u{200B}5678", "melissa＠gmail.com",
        "123\u{2013}45\u{2013}6789", "NL91\u{202F}ABNA\u{202F}0417\u{202F}1643\u{202F}00",
    ].map { Array($0.utf8) }

    /// The values planted in lists (checks 6 and 7): no space inside, each masked by a rule
    /// without context words.
    static let listValues: [[UInt8]] = [
        "+447966197542", "+31612345678", "4111111111111111", "5555-5555-5555-4444",
        "378282246310005", "NL91ABNA0417164300", "DE89370400440532013000", "melissa@gmail.com",
        "123-45-6789", "078-05-1121",
    ].map { Array($0.utf8) }

    /// The event paths a planted value goes to: mapped to categories that detect every type,
    /// or unmapped (the default policy).
    static let plantPaths: [(prefix: String, suffix: String)] = [
        (#""message":{"text":""#, #""}"#),
        (#""task":{"preview":""#, #""}"#),
        (#""notification":{"desktop":{"preview":""#, #""}}"#),
        (#""note":""#, #"""#),
        (#""attachments":[{"caption":""#, #""}]"#),
    ]

    private let masker: Masker
    private let text: TextBlockProcessor
    private let ndjsonMask: NDJSONBlockProcessor
    private let ndjsonDrop: NDJSONBlockProcessor
    private let rewriter = JSONLineRewriter()
    private let part: Part
    private var violations: [String] = []

    /// A checker for `masker` (the built-in rules are what the properties assume) running `part`.
    init(masker: Masker, part: Part = .all) {
        self.masker = masker
        self.part = part
        text = TextBlockProcessor(worker: masker.makeWorker(), policy: masker.defaultPolicy)
        ndjsonMask = NDJSONBlockProcessor(worker: masker.makeWorker(), masker: masker, onInvalid: .mask)
        ndjsonDrop = NDJSONBlockProcessor(worker: masker.makeWorker(), masker: masker, onInvalid: .drop)
    }

    /// Checks `input`; returns one message per broken property.
    func check(_ input: UnsafeRawBufferPointer) -> [String] {
        violations = []
        let bytes = [UInt8](input)
        let text = part != .events
        let events = part != .text
        if text { checkText(bytes) }
        if events { checkNDJSON(bytes) }
        let plant = Plant(bytes)
        let value = Self.plantedValues[plant.value]
        let material = Self.defused(bytes, value)
        if text { checkPlantedText(material, plant, inserted: value, values: [value], label: "planted text") }
        if events { checkPlantedEvent(material, plant, inserted: value, values: [value], label: "planted event") }
        let list = ListPlant(bytes)
        let listMaterial = list.values.reduce(bytes, Self.defused)
        if text {
            checkPlantedText(listMaterial, plant, inserted: list.inserted, values: list.values,
                             label: Self.listViolationPrefix + " text")
        }
        if events {
            checkPlantedEvent(listMaterial, plant, inserted: list.inserted, values: list.values,
                              label: Self.listViolationPrefix + " event")
        }
        return violations
    }

    private func fail(_ message: String) {
        violations.append(message)
    }

    // MARK: Text and NDJSON lines

    private func checkText(_ input: [UInt8]) {
        let output = process(text, input)
        guard Self.count(newlines: output) == Self.count(newlines: input) else {
            return fail("text: \(Self.count(newlines: input)) newlines in, \(Self.count(newlines: output)) out")
        }
        let outputLines = Self.lines(output)
        for (index, line) in Self.lines(input).enumerated() {
            var expected: [UInt8] = []
            line.withUnsafeBytes { _ = masker.mask(utf8: $0, policy: masker.defaultPolicy, appendingTo: &expected) }
            if outputLines[index] != expected {
                fail("text: line \(index + 1) masked in a block differs from the line masked alone")
            }
        }
    }

    private func checkNDJSON(_ input: [UInt8]) {
        let output = process(ndjsonMask, input)
        guard Self.count(newlines: output) == Self.count(newlines: input) else {
            return fail("ndjson: \(Self.count(newlines: input)) newlines in, \(Self.count(newlines: output)) out")
        }
        let inputLines = Self.lines(input)
        let outputLines = Self.lines(output)
        var kept: [UInt8] = []
        for (index, line) in inputLines.enumerated() {
            let valid = isValid(line)
            var expected: [UInt8] = []
            if valid {
                var visitor = ReferenceVisitor(masker: masker)
                let ok = line.withUnsafeBytes { rewriter.rewrite($0, into: &expected, visitor: &visitor) }
                if !ok { fail("ndjson: line \(index + 1) valid but not rewritten") }
                if !isValid(outputLines[index]) { fail("ndjson: line \(index + 1) valid JSON in, invalid out") }
            } else {
                line.withUnsafeBytes { _ = masker.mask(utf8: $0, policy: masker.defaultPolicy, appendingTo: &expected) }
            }
            if outputLines[index] != expected {
                fail("ndjson: line \(index + 1) (\(valid ? "valid" : "invalid")) differs from the reference")
            }
            if valid {
                kept += outputLines[index]
                if index < inputLines.count - 1 || input.last == UInt8(ascii: "\n") { kept.append(UInt8(ascii: "\n")) }
            }
        }
        if process(ndjsonDrop, input) != kept {
            fail("ndjson --on-invalid drop: output is not the valid lines of --on-invalid mask")
        }
    }

    // MARK: Planted values

    /// Where and what to plant, chosen by the input's first bytes.
    struct Plant {
        /// The index in `plantedValues`.
        var value: Int
        /// The offset in the input where the value goes.
        var offset: Int
        /// The index in `plantPaths`.
        var path: Int
        /// Write the value in the event as `\u00XX` escapes.
        var escapeValue: Bool
        /// Write the input's printable ASCII in the event as `\u00XX` escapes.
        var escapeASCII: Bool

        init(_ input: [UInt8]) {
            func byte(_ index: Int) -> Int { index < input.count ? Int(input[index]) : 0 }
            value = byte(0) % FuzzInvariants.plantedValues.count
            offset = (byte(1) << 8 | byte(2)) % (input.count + 1)
            let flags = byte(3)
            path = (flags & 0x0F) % FuzzInvariants.plantPaths.count
            escapeValue = flags & 0x10 != 0
            escapeASCII = flags & 0x20 != 0
        }
    }

    /// What a list plant inserts (checks 6 and 7), chosen by the input's bytes 4 to 7.
    struct ListPlant {
        /// The values in the list, in order; the last follows a number, another value, or both.
        var values: [[UInt8]]
        /// The bytes between `"; "` and the trailing space: the list itself.
        var inserted: [UInt8]

        init(_ input: [UInt8]) {
            func byte(_ index: Int) -> Int { index < input.count ? Int(input[index]) : 0 }
            let choices = FuzzInvariants.listValues
            let index = byte(4) % choices.count
            let value = choices[index]
            let companion = choices[(index + 1 + byte(7) % (choices.count - 1)) % choices.count]
            let number = Array(String(byte(6)).utf8) + [UInt8(ascii: " ")]
            let other = companion + [UInt8(ascii: " ")]
            values = [companion, value]
            switch byte(5) % 4 {
            case 0:
                values = [value]
                inserted = number + value
            case 1: inserted = other + value
            case 2: inserted = number + other + value
            default: inserted = other + number + value
            }
        }
    }

    /// What ends a planted value before `rest`: a space, or `"; "` when `rest` starts with an
    /// ASCII digit or a byte above ASCII (which may fold to a digit).
    static func end(before rest: some Collection<UInt8>) -> [UInt8] {
        guard let first = rest.first, first >= 0x80 || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else {
            return [UInt8(ascii: " ")]
        }
        return Array("; ".utf8)
    }

    /// `bytes` with every raw copy of `value` broken up (its first byte replaced by `_`):
    /// the random material may hold the value glued to other bytes, where leaving it alone
    /// is right; only the planted copy must be masked.
    static func defused(_ bytes: [UInt8], _ value: [UInt8]) -> [UInt8] {
        var bytes = bytes
        while let start = firstIndex(of: value, in: bytes) { bytes[start] = UInt8(ascii: "_") }
        return bytes
    }

    /// Inserts `"; " + inserted + " "` into `input` at the plant's offset, masks it as text,
    /// and reports each of `values` found raw.
    private func checkPlantedText(
        _ input: [UInt8], _ plant: Plant, inserted: [UInt8], values: [[UInt8]], label: String
    ) {
        var planted = Array(input[..<plant.offset])
        planted += Array("; ".utf8) + inserted + Self.end(before: input[plant.offset...])
        planted += input[plant.offset...]
        let output = process(text, planted)
        if Self.count(newlines: output) != Self.count(newlines: planted) {
            fail("\(label): line count changed")
        }
        for value in values where Self.contains(output, value) {
            fail("\(label): \(String(decoding: value, as: UTF8.self)) at offset \(plant.offset) left raw")
        }
    }

    /// Puts `"; " + inserted + " "` into one string of a chat event built from `input`,
    /// masks the event as NDJSON, and reports each of `values` found raw.
    private func checkPlantedEvent(
        _ input: [UInt8], _ plant: Plant, inserted: [UInt8], values: [[UInt8]], label: String
    ) {
        let (prefix, suffix) = Self.plantPaths[plant.path]
        var event = Array(#"{"event":"message","#.utf8) + Array(prefix.utf8)
        Self.appendEscaped(input[..<plant.offset], escapeASCII: plant.escapeASCII, to: &event)
        event += Array("; ".utf8)
        Self.appendEscaped(inserted[...], escapeASCII: plant.escapeValue, to: &event)
        // Chosen by the raw bytes: escaped, they decode to the same.
        event += Self.end(before: input[plant.offset...])
        Self.appendEscaped(input[plant.offset...], escapeASCII: plant.escapeASCII, to: &event)
        event += Array(suffix.utf8)
        event += Array(#","user":{"name":""#.utf8)
        Self.appendEscaped(input[...], escapeASCII: false, to: &event)
        event += Array(#""},"n":[1,-2.5e3,true,null]}"#.utf8)
        guard isValid(event) else { return fail("\(label): the event built from the input is not valid JSON") }
        event.append(UInt8(ascii: "\n"))
        let output = process(ndjsonMask, event)
        guard Self.count(newlines: output) == 1, output.last == UInt8(ascii: "\n") else {
            return fail("\(label): not one output line")
        }
        let line = Array(output.dropLast())
        for value in values {
            var finder = ValueFinder(value: value)
            let ok = line.withUnsafeBytes { rewriter.scan($0, visitor: &finder) }
            if !ok { return fail("\(label): output is not valid JSON") }
            if finder.found || Self.containsOutsideEscapes(line, value) {
                fail("\(label): \(String(decoding: value, as: UTF8.self)) at path \(plant.path) offset \(plant.offset) left raw")
            }
        }
    }

    /// Appends `bytes` as the content of a JSON string: quote, backslash and control bytes
    /// escaped; with `escapeASCII` every printable ASCII byte as `\u00XX`; other bytes
    /// (invalid UTF-8 included) as they are.
    static func appendEscaped(_ bytes: ArraySlice<UInt8>, escapeASCII: Bool, to output: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                output += [UInt8(ascii: "\\"), byte]
            case 0x0A:
                output += Array(#"\n"#.utf8)
            case 0x00..<0x20:
                output += Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            case 0x20..<0x7F:
                if escapeASCII {
                    output += Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                } else {
                    output.append(byte)
                }
            default:
                output.append(byte)
            }
        }
    }

    // MARK: Helpers

    private func process(_ processor: some BlockProcessor, _ input: [UInt8]) -> [UInt8] {
        Self.process(processor, input)
    }

    /// What `processor` writes for `input` as one block.
    static func process(_ processor: some BlockProcessor, _ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var report = BlockReport()
        input.withUnsafeBytes { processor.process($0, into: &output, report: &report) }
        return output
    }

    private func isValid(_ line: [UInt8]) -> Bool {
        line.withUnsafeBytes { rewriter.isValid($0) }
    }

    static func count(newlines bytes: [UInt8]) -> Int {
        bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    /// The lines of `bytes` without their `\n`; a last line without one counts, an empty
    /// input has no line.
    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        guard !bytes.isEmpty else { return [] }
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        if bytes.last == UInt8(ascii: "\n") { lines.removeLast() }
        return lines
    }

    static func contains(_ haystack: some Collection<UInt8>, _ needle: [UInt8]) -> Bool {
        firstIndex(of: needle, in: Array(haystack)) != nil
    }

    /// Whether `value` appears in the bytes of a JSON line with none of its bytes part of an
    /// escape sequence (`\u0000` followed by `78 05 1121` does not hold `078 05 1121`): an
    /// oracle for raw copies that does not rely on the package's decoder.
    static func containsOutsideEscapes(_ line: [UInt8], _ value: [UInt8]) -> Bool {
        var escaped = [Bool](repeating: false, count: line.count)
        var index = 0
        while index < line.count {
            if line[index] == UInt8(ascii: "\\") {
                let length = index + 1 < line.count && line[index + 1] == UInt8(ascii: "u") ? 6 : 2
                for marked in index..<min(index + length, line.count) { escaped[marked] = true }
                index += length
            } else {
                index += 1
            }
        }
        var start = 0
        while start + value.count <= line.count,
              let found = firstIndex(of: value, in: Array(line[start...])).map({ $0 + start }) {
            if !escaped[found..<(found + value.count)].contains(true) { return true }
            start = found + 1
        }
        return false
    }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }

    /// Masks every string of a line under its path's policy, with no prefilter: what the
    /// NDJSON filter must produce.
    private struct ReferenceVisitor: JSONStringVisitor {
        let masker: Masker
        /// For integers that hold a value, which become masked strings (README, "Chat events").
        let worker: MaskingWorker

        init(masker: Masker) {
            self.masker = masker
            worker = masker.makeWorker()
        }

        func visit(_ string: JSONStringValue, at path: JSONPath, replacement: inout [UInt8]) -> JSONStringEdit {
            masker.mask(utf8: string.bytes, policy: masker.policy(at: path), appendingTo: &replacement) > 0 ? .replace : .keep
        }

        func visitInteger(_ digits: UnsafeRawBufferPointer, range: Range<Int>, at path: JSONPath,
                          replacement: inout [UInt8]) -> JSONStringEdit {
            let masked: Void? = worker.detectInteger(digits, key: path.innermostKey, policy: masker.policy(at: path)) {
                text, start in worker.render(text, into: &replacement, from: start)
            }
            return masked == nil ? .keep : .replace
        }
    }

    /// Looks for a value in the decoded strings of a line.
    struct ValueFinder: JSONStringVisitor {
        let value: [UInt8]
        var found = false

        mutating func visit(_ string: JSONStringValue, at path: JSONPath, replacement: inout [UInt8]) -> JSONStringEdit {
            if FuzzInvariants.contains(string.bytes, value) { found = true }
            return .keep
        }
    }
}
