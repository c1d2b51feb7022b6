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
        version: CommandMain.version,
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

/// The entry point of `piimask`: runs the command and maps errors to piimask's exit
/// statuses (usage errors exit 2, not ArgumentParser's 64).
public enum PIIMaskMain {
    /// Runs `piimask` with the process's arguments; never returns. On the main thread, as
    /// the filter must be: the kernel delivers SIGHUP to the main thread first, so the
    /// handler has counted it before a read that was waiting for input returns.
    @MainActor
    public static func main() async -> Never {
        CommandMain.prepare()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let message = CommandSuggestion.error(for: arguments, command: PIIMaskCommand.self) {
            Diagnostics.error(message)
            Glibc.exit(ExitStatus.usage)
        }
        if arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] {
            print(PIIMaskCommand.helpWithFilterOptions)
            Glibc.exit(ExitStatus.success)
        }
        await CommandMain.run(PIIMaskCommand.self, arguments: arguments)
    }
}

/// What `piimask` and `piimask-stream` do around their command: the crash report, SIGPIPE,
/// the `PIIMASK_*` options, and errors mapped to piimask's exit statuses.
public enum CommandMain {
    /// The version `--version` prints (and the Debian package carries), of piimask and piimask-stream.
    public static let version = "0.1.0"

    /// Installs the crash report and ignores SIGPIPE (a closed stdout must end the filter
    /// quietly: EPIPE is handled instead of dying on the signal).
    public static func prepare() {
        CrashReport.install()
        signal(SIGPIPE, SIG_IGN)
    }

    /// Parses `arguments` as `root` (after the `PIIMASK_*` options of serve and stream, or
    /// of `environmentCommand`, for units and containers), runs the command and exits.
    /// Call `prepare()` first. Runs on the main thread (see `PIIMaskMain.main()`).
    @MainActor
    public static func run(_ root: any ParsableCommand.Type, arguments: [String],
                           environmentCommand: (any ParsableCommand.Type)? = nil) async -> Never {
        do {
            let given = try environmentCommand.map { try EnvironmentOptions.applying(to: arguments, of: $0) }
                ?? EnvironmentOptions.applying(to: arguments)
            var command = try root.parseAsRoot(given)
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
            Glibc.exit(ExitStatus.success)
        } catch {
            let code = root.exitCode(for: error)
            // Help and version go to stdout; an ExitCode was reported where it was thrown.
            if code == .success || error is ExitCode { root.exit(withError: error) }
            Diagnostics.write(Diagnostics.restyled(root.fullMessage(for: error)))
            Glibc.exit(code == .validationFailure ? ExitStatus.usage : code.rawValue)
        }
    }
}

/// piimask's exit statuses.
public enum ExitStatus {
    /// Done, nothing found (scan) or filtering finished.
    public static let success: Int32 = 0
    /// `scan` found PII; `rules test` or `eval` found a failure.
    public static let findings: Int32 = 1
    /// Usage error or a broken rule file.
    public static let usage: Int32 = 2
}
