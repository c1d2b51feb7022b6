/// `piimask scan` over plain text: reports every finding, line by line, to a sink, and
/// writes no masked output.
public struct TextStreamScanner {
    private let masker: Masker
    private let policy: FieldPolicy
    private let blockSize: Int

    /// A scanner finding with `masker` under `policy`.
    public init(masker: Masker, policy: FieldPolicy, blockSize: Int = 1 << 20) {
        self.masker = masker
        self.policy = policy
        self.blockSize = max(blockSize, 1)
    }

    /// Scans `input` until end of input, calling `sink` with each finding in order.
    public func run(input: Int32, sink: (ScanFinding) -> Void) throws(StreamError) -> StreamStats {
        let worker = masker.makeWorker()
        var stats = StreamStats()
        var masked: [UInt8] = []
        stats.bytesIn = try LineBlockReader(descriptor: input, blockSize: blockSize).forEachBlock { block throws(StreamError) in
            try Lines.forEach(in: block) { line throws(StreamError) in
                stats.lines += 1
                guard policy.prefilter.firstCandidate(in: line, from: 0) != nil else { return }
                worker.detect(line, policy: policy)
                guard !worker.spans.isEmpty else { return }
                worker.count(into: &stats.counters)
                for finding in worker.findings {
                    masked.removeAll(keepingCapacity: true)
                    worker.renderSpan(of: finding, in: line, into: &masked)
                    sink(ScanFinding(line: stats.lines, field: policy.id, path: nil, type: finding.type,
                                     ruleID: finding.ruleID, range: finding.range, valueRange: nil, masked: masked))
                }
            }
        }
        return stats
    }
}
