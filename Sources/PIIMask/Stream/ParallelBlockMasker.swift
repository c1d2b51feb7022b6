import Dispatch

/// Masks a block of whole lines on several threads: the block is cut at line ends into one
/// part per thread, each part is processed by its own `BlockProcessor` into its own buffer,
/// and the buffers are handed back in input order.
///
/// Small blocks (a lone chat message) are masked on the calling thread at once, so
/// parallelism never adds latency.
final class ParallelBlockMasker {
    /// One thread's part of a block. Each part is touched by one thread at a time:
    /// `@unchecked Sendable` only so that `concurrentPerform` can hand it over.
    private final class Part: @unchecked Sendable {
        let processor: any BlockProcessor
        var output: [UInt8] = []
        var report = BlockReport()

        init(processor: any BlockProcessor) { self.processor = processor }
    }

    /// Blocks smaller than this are masked on one thread.
    static let parallelThreshold = 256 * 1024

    private let parts: [Part]

    /// A masker for blocks using up to `threads` threads, each with a processor from `make`.
    init(threads: Int, make: () -> any BlockProcessor) {
        parts = (0..<max(threads, 1)).map { _ in Part(processor: make()) }
    }

    /// Masks `block` and calls `emit` with the output, part by part, in order; reports each
    /// invalid line's 1-based number (counted from the stream's start) to `invalidLine`.
    ///
    /// - Throws: `StreamError` from `emit`, or a `parse` error at the first invalid line
    ///   when the processor stopped there (after emitting the output before it).
    func mask(_ block: UnsafeRawBufferPointer, stats: inout StreamStats,
              invalidLine: (Int) -> Void,
              emit: ([UInt8]) throws(StreamError) -> Void) throws(StreamError) {
        let count = block.count < Self.parallelThreshold ? 1 : parts.count
        let bounds = Self.cut(block, into: count)
        let parts = self.parts
        // The block outlives the parallel work; its address crosses threads as a number.
        let address = UInt(bitPattern: block.baseAddress)
        let work: @Sendable (Int) -> Void = { index in
            let part = parts[index]
            let range = bounds[index]
            let base = UnsafeRawPointer(bitPattern: address)
            let slice = UnsafeRawBufferPointer(start: base.map { $0 + range.lowerBound }, count: range.count)
            part.output.removeAll(keepingCapacity: true)
            part.report = BlockReport()
            part.processor.process(slice, into: &part.output, report: &part.report)
        }
        if bounds.count == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: bounds.count, execute: work)
        }
        for index in bounds.indices {
            let part = parts[index]
            let firstLine = stats.lines
            for line in part.report.invalidLines { invalidLine(firstLine + line + 1) }
            stats.add(part.report.stats)
            if let failure = part.report.failure {
                stats.bytesOut += failure.outputCount
                try emit(Array(part.output[..<failure.outputCount]))
                throw StreamError(operation: "parse", code: 0, line: firstLine + failure.line + 1)
            }
            stats.bytesOut += part.output.count
            try emit(part.output)
        }
    }

    /// Masks the next piece of a line too long to hold whole, on the calling thread, and
    /// calls `emit` with what can be written so far.
    func maskLongLinePiece(_ piece: UnsafeRawBufferPointer, isLast: Bool, hasNewline: Bool,
                           stats: inout StreamStats,
                           emit: ([UInt8]) throws(StreamError) -> Void) throws(StreamError) {
        let part = parts[0]
        part.output.removeAll(keepingCapacity: true)
        part.report = BlockReport()
        part.processor.processLongLinePiece(piece, isLast: isLast, hasNewline: hasNewline,
                                            into: &part.output, report: &part.report)
        stats.add(part.report.stats)
        stats.bytesOut += part.output.count
        try emit(part.output)
    }

    /// Cuts `block` into at most `count` ranges of about equal size, each ending after a
    /// newline (or at the block's end).
    private static func cut(_ block: UnsafeRawBufferPointer, into count: Int) -> [Range<Int>] {
        guard count > 1 else { return [0..<block.count] }
        var ranges: [Range<Int>] = []
        var start = 0
        for index in 1..<count {
            var end = max(start, block.count * index / count)
            while end < block.count && block[end] != UInt8(ascii: "\n") { end += 1 }
            if end < block.count { end += 1 }
            if end > start {
                ranges.append(start..<end)
                start = end
            }
        }
        if start < block.count || ranges.isEmpty { ranges.append(start..<block.count) }
        return ranges
    }
}
