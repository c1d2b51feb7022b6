import CFuzzerDriver
import Glibc
@testable import PIIMask

// `PIIMaskFuzz TARGET [libFuzzer flags and corpus folders…]`: TARGET is one of
// `FuzzEntryPoint`'s names. SwiftPM links executables with their own `main`, so libFuzzer's
// is not used: the rest of the command line goes to libFuzzer's driver.
let names = FuzzEntryPoint.allCases.map(\.rawValue).joined(separator: ", ")
guard CommandLine.arguments.count > 1, let target = FuzzEntryPoint(rawValue: CommandLine.arguments[1]) else {
    let message = Array("usage: PIIMaskFuzz TARGET [libFuzzer flags…] (targets: \(names))\n".utf8)
    _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(2)
}
checker = target.makeChecker(masker: try! Masker())
var arguments = CommandLine.arguments
arguments.remove(at: 1)
var argc = CInt(arguments.count)
var cStrings: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
let status = cStrings.withUnsafeMutableBufferPointer { buffer -> CInt in
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzTestOneInput(data, size) }
}
exit(status)
