/// `piimask scan`: reports every finding of a stream, line by line, to a sink, and writes
/// no masked output. Text lines are scanned under one policy; NDJSON string values under
/// the policy their path maps to, and a line that is not valid JSON as text.
public struct StreamScanner {
    private let masker: Masker
    private let policy: FieldPolicy
    private let format: StreamFormat
    private let blockSize: Int

    /// A scanner finding with `masker`: text lines under `policy`, NDJSON by the field map.
    public init(masker: Masker, policy: FieldPolicy, format: StreamFormat = .text, blockSize: Int = 1 << 20) {
        self.masker = masker
        self.policy = policy
        self.format = format
        self.blockSize = max(blockSize, 1)
    }

    /// Scans `input` until end of input, calling `sink` with each finding in order, and
    /// `progress` (if given) after each block with the lines and bytes scanned so far.
    public func run(input: Int32, progress: ((_ lines: Int, _ bytes: Int) -> Void)? = nil,
                    sink: (ScanFinding) -> Void) throws(StreamError) -> StreamStats {
        let worker = masker.makeWorker()
        let rewriter = JSONLineRewriter()
        var stats = StreamStats()
        var bytesDone = 0
        stats.bytesIn = try LineBlockReader(descriptor: input, blockSize: blockSize).forEachChunk { chunk throws(StreamError) in
            guard case .lines(let block) = chunk else {
                // Reading a line longer than 16 MiB whole would break the memory bound.
                throw StreamError(operation: "scan", code: 0, line: stats.lines + 1, tooLong: true)
            }
            defer {
                bytesDone += block.count
                progress?(stats.lines, bytesDone)
            }
            try Lines.forEach(in: block) { line throws(StreamError) in
                stats.lines += 1
                if case .ndjson = format {
                    var visitor = ScanningVisitor(worker: worker, masker: masker)
                    if rewriter.scan(line, visitor: &visitor) {
                        for finding in visitor.findings {
                            sink(ScanFinding(line: stats.lines, field: finding.field, path: finding.path,
                                             type: finding.type, ruleID: finding.ruleID, range: finding.range,
                                             valueRange: finding.valueRange, masked: finding.masked))
                        }
                        stats.counters.add(visitor.counters)
                        return
                    }
                    stats.invalidLines += 1
                }
                scanText(line, policy: format == .text ? policy : masker.defaultPolicy, worker: worker) { finding in
                    sink(ScanFinding(line: stats.lines, field: finding.field, path: nil, type: finding.type,
                                     ruleID: finding.ruleID, range: finding.range, valueRange: nil,
                                     masked: finding.masked))
                }
                worker.count(into: &stats.counters)
            }
        }
        return stats
    }

    private func scanText(_ line: UnsafeRawBufferPointer, policy: FieldPolicy, worker: MaskingWorker,
                          _ report: (ScanFinding) -> Void) {
        guard worker.detectIfCandidate(line, policy: policy) else { return }
        for (finding, masked) in worker.maskedFindings(in: line) {
            report(ScanFinding(line: 0, field: policy.id, path: nil, type: finding.type, ruleID: finding.ruleID,
                               range: finding.range, valueRange: nil, masked: masked))
        }
    }
}

/// Collects the findings of each string value of a JSON line, with its path.
private struct ScanningVisitor: JSONStringVisitor {
    let worker: MaskingWorker
    let masker: Masker
    var findings: [ScanFinding] = []
    var counters = MaskCounters()

    mutating func visit(_ string: JSONStringValue, at path: JSONPath, replacement: inout [UInt8]) -> JSONStringEdit {
        let policy = masker.policy(at: path)
        guard worker.detectIfCandidate(string.bytes, policy: policy) else { return .keep }
        worker.count(into: &counters)
        let found = worker.maskedFindings(in: string.bytes)
        // Keys can hold PII too ({"melissa@gmail.com": "…"}): the reported path has them masked.
        let reportedPath = maskedPath(path)
        for (finding, masked) in found {
            findings.append(ScanFinding(line: 0, field: policy.id, path: reportedPath, type: finding.type,
                                        ruleID: finding.ruleID, range: finding.range, valueRange: string.range,
                                        masked: masked))
        }
        return .keep
    }

    /// A plain integer that holds a value (a phone or card written as a number) is reported
    /// as the filter masks it.
    mutating func visitInteger(_ digits: UnsafeRawBufferPointer, range: Range<Int>, at path: JSONPath,
                               replacement: inout [UInt8]) -> JSONStringEdit {
        let policy = masker.policy(at: path)
        let worker = self.worker
        let found = worker.detectInteger(digits, key: path.innermostKey, policy: policy) {
            text, start -> [(finding: Finding, masked: [UInt8])] in
            worker.count(into: &counters)
            // Ranges in the number's digits, as a string's are in its content.
            return worker.maskedFindings(in: text).map { finding, masked in
                (Finding(type: finding.type, ruleID: finding.ruleID,
                         range: (finding.range.lowerBound - start)..<(finding.range.upperBound - start)), masked)
            }
        }
        guard let found else { return .keep }
        let reportedPath = maskedPath(path)
        for (finding, masked) in found {
            findings.append(ScanFinding(line: 0, field: policy.id, path: reportedPath, type: finding.type,
                                        ruleID: finding.ruleID, range: finding.range, valueRange: range,
                                        masked: masked))
        }
        return .keep
    }

    /// `path` as written in a report: each key masked under the default policy (mask
    /// everything), then escaped as in `JSONPath.description`.
    private func maskedPath(_ path: JSONPath) -> String {
        path.map { component -> String in
            guard case .key(let bytes) = component,
                  worker.detectIfCandidate(bytes, policy: masker.defaultPolicy) else { return component.description }
            var masked: [UInt8] = []
            worker.render(bytes, into: &masked)
            return masked.withUnsafeBytes { JSONPathComponent.key($0).description }
        }.joined(separator: ".")
    }
}
