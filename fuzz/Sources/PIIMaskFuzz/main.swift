import CFuzzerDriver
import Glibc

// SwiftPM links executables with their own `main`, so libFuzzer's is not used: hand the
// command line to libFuzzer's driver instead.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzTestOneInput(data, size) })
