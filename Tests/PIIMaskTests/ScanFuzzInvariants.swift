import Glibc
@testable import PIIMask

/// The `scan` fuzz target: `StreamScanner` (`piimask scan`) over the input, read from a
/// file descriptor as the command reads standard input, in text and in NDJSON, with these
/// properties:
///
/// 1. **Lines**: findings name lines 1…n in order, n the input's line count, which the
///    scanner's statistics report too; every range lies inside its line (text) or its
///    string value (NDJSON), and a value range inside its line.
/// 2. **Text: the report is the filter**: each line with every finding's masked form put
///    over its range is exactly the line the text filter writes.
/// 3. **NDJSON: the same lines**: a line has findings exactly when the NDJSON filter
///    (`--on-invalid mask`) changes it.
/// 4. **No raw value in the report**: a value of `FuzzInvariants.plantedValues` planted as
///    an event's key and in its text (`"; " + value + " "`) is in no reported path and no
///    masked form.
final class ScanFuzzInvariants: FuzzChecker {
    private let masker: Masker
    private let textFilter: TextBlockProcessor
    private let ndjsonFilter: NDJSONBlockProcessor
    private var violations: [String] = []

    /// An unlinked temporary file the scanner reads each input from.
    private let descriptor: Int32

    /// A checker over `masker` (the built-in rules).
    init(masker: Masker) {
        self.masker = masker
        var template = Array("/tmp/piimask-fuzz-scan-XXXXXX".utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        precondition(descriptor >= 0, "cannot create a temporary file")
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        textFilter = TextBlockProcessor(worker: masker.makeWorker(), policy: masker.defaultPolicy)
        ndjsonFilter = NDJSONBlockProcessor(worker: masker.makeWorker(), masker: masker, onInvalid: .mask)
    }

    deinit {
        close(descriptor)
    }

    func check(_ input: UnsafeRawBufferPointer) -> [String] {
        violations = []
        let bytes = [UInt8](input)
        let lines = FuzzInvariants.lines(bytes)
        // A small block size (from the input) splits the input across reads.
        let blockSize = 16 + (bytes.first.map(Int.init) ?? 0) * 32
        checkText(bytes, lines: lines, blockSize: blockSize)
        checkNDJSON(bytes, lines: lines, blockSize: blockSize)
        checkPlantedKey(bytes)
        return violations
    }

    private func fail(_ message: String) {
        violations.append(message)
    }

    /// Runs the scanner over `bytes` read from a file descriptor (the checker's unlinked file).
    private func scan(_ bytes: [UInt8], format: StreamFormat, blockSize: Int) -> (findings: [ScanFinding], lines: Int)? {
        guard ftruncate(descriptor, 0) == 0,
              bytes.withUnsafeBytes({ pwrite(descriptor, $0.baseAddress, $0.count, 0) }) == bytes.count,
              lseek(descriptor, 0, SEEK_SET) == 0 else {
            fail("scan: cannot write the input to a file")
            return nil
        }
        var findings: [ScanFinding] = []
        let scanner = StreamScanner(masker: masker, policy: masker.defaultPolicy, format: format, blockSize: blockSize)
        do {
            let stats = try scanner.run(input: descriptor) { findings.append($0) }
            return (findings, stats.lines)
        } catch {
            fail("scan: \(format) failed: \(error)")
            return nil
        }
    }

    /// Check 1, and the findings by line.
    private func byLine(_ result: (findings: [ScanFinding], lines: Int), lines: [[UInt8]], label: String) -> [[ScanFinding]] {
        var grouped = [[ScanFinding]](repeating: [], count: lines.count)
        if result.lines != lines.count { fail("\(label): \(lines.count) lines in, \(result.lines) counted") }
        var previous = 1
        for finding in result.findings {
            guard finding.line >= previous, finding.line <= lines.count else {
                fail("\(label): a finding names line \(finding.line) after line \(previous) of \(lines.count)")
                return grouped
            }
            previous = finding.line
            grouped[finding.line - 1].append(finding)
        }
        return grouped
    }

    /// Checks 1 and 2.
    private func checkText(_ bytes: [UInt8], lines: [[UInt8]], blockSize: Int) {
        guard let result = scan(bytes, format: .text, blockSize: blockSize) else { return }
        let grouped = byLine(result, lines: lines, label: "scan text")
        let filtered = FuzzInvariants.lines(FuzzInvariants.process(textFilter, bytes))
        for (index, line) in lines.enumerated() {
            var spliced: [UInt8] = []
            var position = 0
            for finding in grouped[index].sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
                guard finding.range.lowerBound >= position, finding.range.upperBound <= line.count else {
                    return fail("scan text: line \(index + 1): finding \(finding.range) overlaps or lies outside the line")
                }
                spliced += line[position..<finding.range.lowerBound] + finding.masked
                position = finding.range.upperBound
            }
            spliced += line[position...]
            if index < filtered.count, spliced != filtered[index] {
                fail("scan text: line \(index + 1): the findings put over the line differ from the filter's output")
            }
        }
    }

    /// Checks 1 and 3.
    private func checkNDJSON(_ bytes: [UInt8], lines: [[UInt8]], blockSize: Int) {
        guard let result = scan(bytes, format: .ndjson(onInvalid: .mask), blockSize: blockSize) else { return }
        let grouped = byLine(result, lines: lines, label: "scan ndjson")
        let filtered = FuzzInvariants.lines(FuzzInvariants.process(ndjsonFilter, bytes))
        for (index, line) in lines.enumerated() where index < filtered.count {
            for finding in grouped[index] {
                // A decoded string is never longer than its JSON form (quotes included).
                let bound = finding.valueRange.map { $0.count } ?? line.count
                if finding.range.lowerBound < 0 || finding.range.upperBound > bound {
                    fail("scan ndjson: line \(index + 1): finding \(finding.range) outside its value")
                }
                if let valueRange = finding.valueRange, valueRange.lowerBound < 0 || valueRange.upperBound > line.count {
                    fail("scan ndjson: line \(index + 1): value range \(valueRange) outside the line")
                }
            }
            let changed = filtered[index] != line
            if changed != !grouped[index].isEmpty {
                fail("scan ndjson: line \(index + 1): \(grouped[index].count) findings, but the filter \(changed ? "changes" : "keeps") the line")
            }
        }
    }

    /// Check 4.
    private func checkPlantedKey(_ bytes: [UInt8]) {
        let plant = FuzzInvariants.Plant(bytes)
        let value = FuzzInvariants.plantedValues[plant.value]
        let material = FuzzInvariants.defused(bytes, value)
        var event = Array(#"{""#.utf8)
        FuzzInvariants.appendEscaped(value[...], escapeASCII: plant.escapeValue, to: &event)
        event += Array(#"":{"text":""#.utf8)
        FuzzInvariants.appendEscaped(material[...], escapeASCII: plant.escapeASCII, to: &event)
        event += Array("; ".utf8)
        FuzzInvariants.appendEscaped(value[...], escapeASCII: plant.escapeValue, to: &event)
        event += Array(#" "}}"#.utf8) + [UInt8(ascii: "\n")]
        guard let result = scan(event, format: .ndjson(onInvalid: .mask), blockSize: 1 << 16) else { return }
        if result.findings.isEmpty { fail("scan planted key: no finding") }
        for finding in result.findings {
            if FuzzInvariants.contains(Array((finding.path ?? "").utf8), value) {
                fail("scan planted key: \(String(decoding: value, as: UTF8.self)) raw in a reported path")
            }
            if FuzzInvariants.contains(finding.masked, value) {
                fail("scan planted key: \(String(decoding: value, as: UTF8.self)) raw in a masked form")
            }
        }
    }
}
