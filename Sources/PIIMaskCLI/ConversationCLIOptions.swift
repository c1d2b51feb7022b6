import ArgumentParser
import PIIMask

/// How the filter follows conversations in NDJSON chat events (on by default).
public struct ConversationCLIOptions: ParsableArguments {
    /// The defaults (ArgumentParser fills in what is given).
    public init() {}

    @Flag(name: .customLong("no-conversations"),
          help: "NDJSON: mask each event on its own, without the earlier messages of its conversation.")
    var off = false

    @Option(name: .customLong("conversation-path"), help: ArgumentHelp(
        "NDJSON: the dotted path of an event's conversation id.", valueName: "path"))
    var idPath = "conversation"

    @Option(name: .customLong("max-conversations"), help: ArgumentHelp(
        "NDJSON: the most conversations followed at once; the least recently seen is dropped first.",
        valueName: "count"))
    var capacity = 100_000

    @Option(name: .customLong("conversation-ttl"), help: ArgumentHelp(
        "NDJSON: seconds after which a conversation not seen is forgotten.", valueName: "seconds"))
    var timeToLive = 1_800.0

    /// Checks the values; `format` is the input format (the options are for NDJSON).
    func validate(format: InputOptions.Format, given: Bool) throws {
        guard capacity >= 1 else { throw ValidationError("--max-conversations must be at least 1") }
        guard timeToLive > 0 else { throw ValidationError("--conversation-ttl must be a number of seconds above 0") }
        guard !idPath.isEmpty, !idPath.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) else {
            throw ValidationError("--conversation-path must be a dotted path such as conversation or meta.conversation_id")
        }
        if format == .text && given {
            throw ValidationError("conversation options apply to --format ndjson; text lines carry no conversation")
        }
    }

    /// Whether any conversation option was given on the command line.
    var given: Bool {
        off || idPath != "conversation" || capacity != 100_000 || timeToLive != 1_800
    }

    /// The filter's conversation options, or nil when turned off.
    public var options: ConversationOptions? {
        off ? nil : ConversationOptions(idPath: idPath, limits: ConversationLimits(capacity: capacity, timeToLive: timeToLive))
    }
}
