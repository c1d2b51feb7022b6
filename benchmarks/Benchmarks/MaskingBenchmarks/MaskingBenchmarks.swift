import Benchmark
import Foundation
import PIIMask

// Latency of one short chat message through the library, and throughput of the library and
// of the stream filter on several megabytes of chat text and chat events. Release builds
// only (package-benchmark builds them so). Inputs: see `Corpus`.

/// The masker every benchmark shares: built once, as an application would.
let masker: Masker = {
    do { return try Masker() } catch { fatalError("built-in rules: \(error)") }
}()

/// Megabytes (10^6 bytes) per second of one run, as its own metric.
let megabytesPerSecond = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 1_000,
        maxDuration: .seconds(3),
        maxIterations: 1_000_000
    )

    // MARK: Latency of one message (~200 bytes): the percentiles are per call.

    // What a sample costs with nothing in it (clock reads and malloc counting around the
    // closure): subtract it from the latencies below.
    Benchmark("Overhead: empty sample") { benchmark in
        benchmark.startMeasurement()
        blackHole(benchmark.currentIteration)
    }

    let policy = masker.defaultPolicy
    for (name, message) in [
        ("with PII (card, phone, e-mail)", Corpus.messageWithPII),
        ("without PII, no digit or @", Corpus.plainMessage),
        ("without PII, digit look-alikes", Corpus.messageWithLookalikes),
        ("hostile (grouped tracking number, + and 17 digits, lists of cards and SSNs)", Corpus.hostileMessage),
    ] {
        Benchmark("Latency: \(message.count)-byte message \(name), mask(utf8:)") { benchmark in
            var output: [UInt8] = []
            output.reserveCapacity(512)
            benchmark.startMeasurement()
            message.withUnsafeBytes { bytes in
                blackHole(masker.mask(utf8: bytes, policy: policy, appendingTo: &output))
            }
            blackHole(output)
        }
    }

    let pii = String(decoding: Corpus.messageWithPII, as: UTF8.self)
    Benchmark("Latency: \(Corpus.messageWithPII.count)-byte message with PII, mask(String)") { benchmark in
        blackHole(masker.mask(pii, field: nil))
    }

    // MARK: Throughput on an 8 MB buffer: one run masks all of it.

    let throughput = Benchmark.Configuration(
        metrics: [.wallClock, megabytesPerSecond, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(5),
        maxIterations: 40
    )

    Benchmark("Throughput: chat text, mask(utf8:) line by line", configuration: throughput) { benchmark in
        let text = Corpus.text
        let lines = Corpus.textLines
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        var findings = 0
        benchmark.startMeasurement()
        let start = ContinuousClock.now
        text.withUnsafeBytes { bytes in
            for line in lines {
                output.removeAll(keepingCapacity: true)
                findings += masker.mask(utf8: UnsafeRawBufferPointer(rebasing: bytes[line]),
                                        policy: policy, appendingTo: &output)
            }
        }
        benchmark.measurement(megabytesPerSecond, rate(text.count, since: start))
        blackHole(findings)
        blackHole(output)
    }

    let textInput = TemporaryInput(Corpus.text, name: "text")
    let eventsInput = TemporaryInput(Corpus.events, name: "events")
    let devNull = open("/dev/null", O_WRONLY)
    for (label, input, format) in [
        ("chat text", textInput, StreamFormat.text),
        ("chat events", eventsInput, StreamFormat.ndjson(onInvalid: .mask)),
    ] {
        for threads in [1, 2] {
            Benchmark("Throughput: \(label), StreamFilter, \(threads) thread\(threads == 1 ? "" : "s"), file → /dev/null",
                      configuration: throughput) { benchmark in
                input.rewind()
                let filter = StreamFilter(masker: masker, policy: policy, format: format, threads: threads)
                benchmark.startMeasurement()
                let start = ContinuousClock.now
                do {
                    blackHole(try filter.run(input: input.descriptor, output: devNull))
                } catch {
                    benchmark.error("filter failed: \(error)")
                }
                benchmark.measurement(megabytesPerSecond, rate(input.byteCount, since: start))
            }
        }
    }
}

/// Bytes per microsecond, that is MB/s, since `start`.
func rate(_ bytes: Int, since start: ContinuousClock.Instant) -> Int {
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Int((Double(bytes) / seconds / 1e6).rounded())
}
