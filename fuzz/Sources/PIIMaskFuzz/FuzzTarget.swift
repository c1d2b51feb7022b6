import Glibc
@testable import PIIMask

/// The checker, built once: the built-in rules compile at start-up, not per input.
nonisolated(unsafe) let invariants = FuzzInvariants(masker: try! Masker())

/// libFuzzer's callback: checks one input (see `FuzzInvariants`) and aborts on a broken
/// property, so that libFuzzer keeps the input as a reproducer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let violations = invariants.check(UnsafeRawBufferPointer(start: data, count: size))
    guard violations.isEmpty else {
        for violation in violations {
            let message = Array("piimask fuzz: invariant broken: \(violation)\n".utf8)
            _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        }
        abort()
    }
    return 0
}
