import Dispatch
import Testing
@testable import PIIMask

/// One `Masker` shared by many threads gives the same results as one thread. Also run under
/// ThreadSanitizer by `scripts/tsan-test`.
@Suite struct ConcurrencyTests {
    static let masker = try! Masker()

    /// Different values: PII of every type in different texts, with look-alikes and context
    /// words (180 values; with 5 fields, 900 cases).
    static let values: [String] = {
        let pii = ["+447966197542", "+31 6 12345678", "06-12345678", "(020) 123 4567", "555-123-4567",
                   "4111 1111 1111 1111", "5555555555554444", "4111 1111 1111 1112", "NL91 ABNA 0417 1643 00",
                   "GB82WEST12345698765432", "melissa@gmail.com", "j.de.vries+chat@example.co.uk",
                   "123-45-6789", "078051121", "01-02-2024", "v15.8.92", "logo@2x.png", "order 0612345678"]
        let texts = ["", "call me on ", "bel me op ", "my card is ", "ssn ", "iban: ", "ticket #", "hi ",
                     "Kaart geweigerd: ", "é 😀 "]
        var values: [String] = []
        for (i, value) in pii.enumerated() {
            for (j, text) in texts.enumerated() {
                let tail = (i + j) % 3 == 0 ? " thanks" : (i + j) % 3 == 1 ? "." : ", of " + pii[(i + j) % pii.count]
                values.append(text + value + tail)
            }
        }
        return values
    }()

    static let fields: [String?] = [nil, "message.text", "task.title", "customer.name", "no.such.field"]

    /// The single-threaded results: `mask(_:field:)` for every value and field, and the byte
    /// entry under each field's policy.
    static func reference() -> (strings: [String], bytes: [[UInt8]]) {
        var strings: [String] = []
        var bytes: [[UInt8]] = []
        for value in values {
            for field in fields {
                strings.append(masker.mask(value, field: field))
                bytes.append(maskBytes(value, field: field))
            }
        }
        return (strings, bytes)
    }

    static func maskBytes(_ value: String, field: String?) -> [UInt8] {
        var output: [UInt8] = [0x2A]  // a byte already there: the entry appends
        let input = Array(value.utf8) + [0xFF, 0xC0]  // invalid UTF-8 is copied through
        input.withUnsafeBytes {
            _ = masker.mask(utf8: $0, policy: masker.policy(for: field), appendingTo: &output)
        }
        return output
    }

    @Test func sharedMaskerGivesTheSingleThreadedResults() {
        let (strings, bytes) = Self.reference()
        #expect(strings.contains { $0.contains("*********7542") })  // the reference does mask
        let threads = 12
        let mismatches = PerThread<[String]>(threads, [])
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            var local: [String] = []
            // Each thread walks the values from a different start, twice, so different values
            // are in flight on different threads at once.
            let count = Self.values.count * Self.fields.count
            for step in 0..<(2 * count) {
                let index = (step * 7 + thread * 131) % count
                let value = Self.values[index / Self.fields.count]
                let field = Self.fields[index % Self.fields.count]
                if step % 2 == 0 {
                    let masked = Self.masker.mask(value, field: field)
                    if masked != strings[index] { local.append("thread \(thread): mask(\(value), \(field ?? "nil"))") }
                } else {
                    if Self.maskBytes(value, field: field) != bytes[index] {
                        local.append("thread \(thread): mask(utf8: \(value), \(field ?? "nil"))")
                    }
                }
            }
            mismatches[thread] = local
        }
        #expect(mismatches.all.flatMap { $0 } == [])
    }

    @Test func findingsAreTheSameOnEveryThread() {
        let reference = Self.values.map { Self.masker.findings(in: $0) }
        let mismatches = PerThread(8, 0)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            var local = 0
            for (index, value) in Self.values.enumerated().reversed() where (index + thread) % 2 == 0 {
                if Self.masker.findings(in: value) != reference[index] { local += 1 }
            }
            mismatches[thread] = local
        }
        #expect(mismatches.all == Array(repeating: 0, count: 8))
    }

    /// Maskers built on several threads at once (each compiles its own PCRE2 code) work.
    @Test func maskersBuiltConcurrentlyAgree() {
        let results = PerThread(8, "")
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            let masker = try! Masker()
            results[thread] = masker.mask("bel 06-12345678 of mail melissa@gmail.com, card 4111 1111 1111 1111")
        }
        #expect(Set(results.all) == ["bel *******5678 of mail m******@gmail.com, card ************1111"])
    }
}

/// One result slot per thread, each written only by its own thread and read after the
/// threads are joined: no lock, so ThreadSanitizer sees only the masker's synchronization.
/// (A `Mutex` would not do: on Linux its contended path hands the lock over in the kernel,
/// which ThreadSanitizer cannot see, so it reports races on what the mutex protects.)
private final class PerThread<Value>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Value>

    init(_ count: Int, _ initial: Value) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: initial)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    subscript(thread: Int) -> Value {
        get { slots[thread] }
        set { slots[thread] = newValue }
    }

    /// Every slot, once the threads are done.
    var all: [Value] { Array(slots) }
}
