import ArgumentParser
import Foundation
import Glibc

/// `--progress` for the long runs of `scan` and `eval`.
struct ProgressOption: ParsableArguments {
    @Flag(help: "Report progress (amount done and rate) on standard error, about twice a second; the default when standard error is a terminal.")
    var progress = false

    @Flag(name: .customLong("no-progress"), help: "Never report progress, not even on a terminal.")
    var noProgress = false

    func validate() throws {
        if progress && noProgress { throw ValidationError("--progress and --no-progress exclude each other") }
    }

    /// Whether progress is reported: `--progress`, or stderr is a terminal and not `--no-progress`.
    var enabled: Bool { progress || (!noProgress && isatty(2) == 1) }
}

/// Progress lines on standard error: counts, sizes and rates only, never input text. On a
/// terminal one line is rewritten in place (`\r`); elsewhere (a log, a test) each report is
/// a line of its own. Reports are at most `interval` seconds apart, plus one at the end.
struct ProgressMeter {
    /// The command that reports (`scan`, `eval`).
    let command: String
    /// What a unit of work is called (`lines`, `records`).
    let unit: String
    /// Whether anything is printed.
    let enabled: Bool
    /// Seconds between reports.
    var interval = 0.5

    private let terminal = isatty(2) == 1
    private let start = ProgressMeter.now()
    private var lastReport = ProgressMeter.now()

    /// A meter for `command` counting `unit`, printing when `enabled`.
    init(command: String, unit: String, enabled: Bool) {
        self.command = command
        self.unit = unit
        self.enabled = enabled
    }

    /// Records `done` units (and `bytes`, when known) so far; prints if a report is due.
    mutating func update(done: Int, of total: Int? = nil, bytes: Int? = nil) {
        guard enabled else { return }
        let now = Self.now()
        guard now - lastReport >= interval else { return }
        lastReport = now
        write(done: done, of: total, bytes: bytes, final: false)
    }

    /// The last report (always printed when enabled), ending the line.
    mutating func finish(done: Int, of total: Int? = nil, bytes: Int? = nil) {
        guard enabled else { return }
        write(done: done, of: total, bytes: bytes, final: true)
    }

    private mutating func write(done: Int, of total: Int?, bytes: Int?, final: Bool) {
        let seconds = max(Self.now() - start, 1e-9)
        var text = "piimask: \(command): \(final ? "done" : "progress") \(done)"
        if let total { text += " of \(total)" }
        text += " \(unit)"
        if let bytes {
            text += String(format: ", %.1f MB, %.1f MB/s", Double(bytes) / 1e6, Double(bytes) / 1e6 / seconds)
        } else {
            text += String(format: ", %.0f \(unit)/s", Double(done) / seconds)
        }
        text += String(format: ", %.1f s", seconds)
        if terminal {
            // Rewrite the line in place; clear what a longer earlier report left.
            Diagnostics.write("\r\u{1B}[K" + text + (final ? "\n" : ""))
        } else {
            Diagnostics.write(text + "\n")
        }
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
