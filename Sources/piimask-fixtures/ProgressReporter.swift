import Foundation
import PIIMaskFixtures

/// Reports how much has been written on standard error, overwriting one line.
struct ProgressReporter {
    /// Whether reports are printed at all.
    let enabled: Bool

    /// Whether standard error is a terminal.
    static var stderrIsTerminal: Bool {
        isatty(FileHandle.standardError.fileDescriptor) != 0
    }

    /// Prints the bytes written so far; passed to the emitter as its progress callback.
    var report: ((Int) -> Void)? {
        guard enabled else { return nil }
        return { bytes in
            let megabytes = bytes >> 20
            FileHandle.standardError.write(Data("\rwritten \(megabytes) MiB".utf8))
        }
    }

    /// Ends the progress line with a summary, if progress was shown.
    func finish(_ summary: EmitSummary) {
        guard enabled else { return }
        let text = "\rwritten \(summary.lines) lines, \(summary.bytes) bytes\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}
