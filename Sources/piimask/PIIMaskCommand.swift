import ArgumentParser
import Glibc

/// `piimask`: masks PII in chat traffic, as a stdin/stdout filter and with rule tools.
struct PIIMaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "piimask",
        abstract: "Mask phone numbers, e-mail addresses, payment cards, IBANs, US SSNs and Dutch BSNs in chat traffic.",
        discussion: """
            With no subcommand, piimask filters: it reads lines on standard input and writes \
            them masked on standard output, one output line per input line.

            Exit status: 0 done (scan, compose-check: nothing found), 1 findings (scan, compose-check), 2 usage, rule or key error.
            """,
        version: "0.1.0",
        subcommands: [Filter.self, Scan.self, Rules.self, Explain.self, Eval.self, Serve.self, Stream.self, Reveal.self, ComposeCheck.self],
        defaultSubcommand: Filter.self
    )
}

extension PIIMaskCommand {
    /// `piimask --help`: the command list, then the options of the filter (the default
    /// command), which ArgumentParser would otherwise show only under `filter --help`.
    static var helpWithFilterOptions: String {
        let filterHelp = helpMessage(for: Filter.self)
        let options = filterHelp.range(of: "OPTIONS:\n").map { String(filterHelp[$0.upperBound...]) } ?? ""
        return helpMessage() + "\nFILTER OPTIONS (piimask [filter] [<options>]):\n" + options
    }
}

/// The entry point: runs the command and maps errors to piimask's exit statuses
/// (usage errors exit 2, not ArgumentParser's 64).
@main
enum Main {
    static func main() async {
        CrashReport.install()
        // A closed stdout must end the filter quietly: handle EPIPE instead of dying on SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let message = CommandSuggestion.error(for: arguments, command: PIIMaskCommand.self) {
            Diagnostics.error(message)
            Glibc.exit(ExitStatus.usage)
        }
        if arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] {
            print(PIIMaskCommand.helpWithFilterOptions)
            Glibc.exit(ExitStatus.success)
        }
        do {
            // serve and stream also read their options from PIIMASK_* variables (units, containers).
            var command = try PIIMaskCommand.parseAsRoot(EnvironmentOptions.applying(to: arguments))
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            let code = PIIMaskCommand.exitCode(for: error)
            // Help and version go to stdout; an ExitCode was reported where it was thrown.
            if code == .success || error is ExitCode { PIIMaskCommand.exit(withError: error) }
            Diagnostics.write(Diagnostics.restyled(PIIMaskCommand.fullMessage(for: error)))
            Glibc.exit(code == .validationFailure ? ExitStatus.usage : code.rawValue)
        }
    }
}

/// piimask's exit statuses.
enum ExitStatus {
    /// Done, nothing found (scan) or filtering finished.
    static let success: Int32 = 0
    /// `scan` found PII; `rules test` or `eval` found a failure.
    static let findings: Int32 = 1
    /// Usage error or a broken rule file.
    static let usage: Int32 = 2
}
