import ArgumentParser
import Foundation
import Logging
import PIIMask
import PIIMaskService

/// `piimask [filter]`: masks standard input to standard output.
struct Filter: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mask standard input to standard output, line by line (the default command).")

    @OptionGroup var rules: RuleOptions
    @OptionGroup var input: InputOptions
    @OptionGroup(title: "Conversations (NDJSON)") var conversations: ConversationCLIOptions
    @OptionGroup var tokens: TokenOptions

    @Flag(help: "Print counts and throughput to standard error at the end.")
    var stats = false

    @Option(help: ArgumentHelp(
        "Also print the counts so far to standard error every this many seconds while input flows.",
        valueName: "seconds"))
    var statsInterval: Double?

    @Option(help: "NDJSON: what to do with a line that is not valid JSON: mask it as text (default), drop it, or fail (exit 2).")
    var onInvalid: InvalidLinePolicy?

    @Option(name: .customLong("threads"), parsing: .unconditional,
            help: ArgumentHelp("Threads that mask large blocks (default: all cores). A lone line is always masked at once.",
                               valueName: "threads"))
    var threadCount: Int?

    /// `--threads`, or one per core.
    private var threads: Int { threadCount ?? ProcessInfo.processInfo.activeProcessorCount }

    func validate() throws {
        if let threadCount, !(1...256).contains(threadCount) { throw ValidationError("--threads must be between 1 and 256") }
        try conversations.validate(format: input.format, given: conversations.given)
        if let statsInterval, !(statsInterval > 0) {
            throw ValidationError("--stats-interval must be a number of seconds above 0")
        }
        if onInvalid != nil && input.format == .text {
            throw ValidationError("--on-invalid applies to --format ndjson; in text every line is masked as text")
        }
    }

    func run() throws {
        let (masker, usesTokens) = try tokens.makeMasker(rules, withoutConversationIDs: input.format == .text
            ? "text lines carry no conversation id (NDJSON events do: --format ndjson)"
            : conversations.off ? "--no-conversations reads no conversation id" : nil)
        let policy = try FieldOption.policy(input.field, in: masker)
        // SIGHUP reloads the rule files; the outcome is reported on standard error here,
        // not through the holder's logger.
        var quiet = Logger(label: "piimask.rules")
        quiet.logLevel = .critical
        let holder = ReloadableMasker(masker: masker, configuration: RuleConfiguration(
            paths: rules.paths, includeBuiltin: !rules.noBuiltinRules), logger: quiet)
        // Token masks are bound to keys at start-up: with them, SIGHUP reloads nothing.
        let reloads = usesTokens ? nil : RuleReloadSignal.install(reloading: holder)
        if usesTokens { RuleReloadSignal.ignore() }
        var lastReport = DispatchTime.now()
        let start = DispatchTime.now()
        let result: StreamStats
        let onInvalid = onInvalid ?? .mask
        var reporter = InvalidLineReporter(policy: onInvalid)
        SignalStop.install()
        do {
            result = try StreamFilter(masker: masker, policy: policy, format: input.streamFormat(onInvalid: onInvalid),
                                      threads: threads, conversations: conversations.options)
                .run(input: 0, output: 1, invalidLine: { reporter.report($0) }, shouldStop: SignalStop.requested,
                     newerMasker: { reloads?.current() ?? masker },
                     progress: { counts in
                         guard let interval = statsInterval else { return }
                         let now = DispatchTime.now()
                         guard Double(now.uptimeNanoseconds - lastReport.uptimeNanoseconds) / 1e9 >= interval else { return }
                         lastReport = now
                         let seconds = Double(now.uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
                         Diagnostics.write(StatsReport(stats: counts, seconds: seconds).text)
                     })
        } catch let error where error.isBrokenPipe {
            return
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode(ExitStatus.usage)
        }
        reporter.finish()
        if stats {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            Diagnostics.write(StatsReport(stats: result, seconds: seconds).text)
        }
        SignalStop.exitIfRequested()
    }
}
