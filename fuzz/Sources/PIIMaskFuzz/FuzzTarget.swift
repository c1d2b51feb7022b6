import Glibc
@testable import PIIMask

/// The checker of the target named on the command line (see `main.swift`), built once: the
/// built-in rules compile at start-up, not per input.
nonisolated(unsafe) var checker: FuzzChecker?

/// libFuzzer's callback: checks one input with the chosen target's checker and aborts on a
/// broken property, so that libFuzzer keeps the input as a reproducer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let violations = checker!.check(UnsafeRawBufferPointer(start: data, count: size))
    guard violations.isEmpty else {
        for violation in violations {
            let message = Array("piimask fuzz: invariant broken: \(violation)\n".utf8)
            _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        }
        abort()
    }
    return 0
}
