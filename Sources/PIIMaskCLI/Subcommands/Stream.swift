import ArgumentParser
import Foundation
import Glibc

/// `piimask stream`: the NATS JetStream worker for one partition, run as the executable
/// `piimask-stream` beside this one (so that the filter and the other modes link no NATS
/// library). The options are parsed and checked here, then the process becomes
/// `piimask-stream` with the same arguments (`execv`: same process id, signals and
/// environment, so units and scripts that run `piimask stream` keep working).
struct Stream: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mask chat events from a NATS JetStream partition into an output subject (one worker per partition).",
        discussion: StreamOptions.discussion)

    @OptionGroup var options: StreamOptions

    /// The worker executable's name.
    static let workerName = "piimask-stream"

    func run() throws {
        let worker = Self.workerPath()
        guard access(worker, X_OK) == 0 else {
            Diagnostics.error("stream runs \(worker), which is missing or not executable (it ships with piimask; when building from source: swift build --product piimask-stream)")
            throw ExitCode(ExitStatus.usage)
        }
        // The arguments after `stream`, as given: piimask-stream reads PIIMASK_* itself.
        let arguments = [worker] + CommandLine.arguments.dropFirst().drop { $0 != "stream" }.dropFirst()
        var pointers = arguments.map { strdup($0) } + [nil]
        execv(worker, &pointers)
        Diagnostics.error("cannot run \(worker): \(String(cString: strerror(errno)))")
        throw ExitCode(ExitStatus.usage)
    }

    /// `piimask-stream` in the folder of the running executable (`/proc/self/exe`, so a
    /// symbolic link to piimask finds the worker beside the real file).
    static func workerPath() -> String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent(workerName).path
    }
}
