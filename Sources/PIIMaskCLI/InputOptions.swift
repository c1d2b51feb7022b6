import ArgumentParser
import PIIMask

/// Options that say what the input holds, shared by the filter and `scan`. An option of
/// the other format (`--field` with ndjson, the filter's `--on-invalid` with text) is a
/// usage error.
struct InputOptions: ParsableArguments {
    /// Input formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, ndjson
    }

    @Option(help: "Input format: text (one value per line) or ndjson (one JSON chat event per line).")
    var format: Format = .text

    @Option(help: ArgumentHelp(
        "Text: the field category whose policy applies to every line (see `piimask rules list --fields`).",
        valueName: "id"))
    var field: String?

    /// The stream format these options select; `onInvalid` applies to NDJSON only.
    func streamFormat(onInvalid: InvalidLinePolicy = .mask) -> StreamFormat {
        switch format {
        case .text: return .text
        case .ndjson: return .ndjson(onInvalid: onInvalid)
        }
    }

    /// One rule for options of the other format: an error, never silently ignored.
    func validate() throws {
        if format == .ndjson && field != nil {
            throw ValidationError("--field applies to --format text; in ndjson the field map decides each value's category")
        }
    }
}

extension InvalidLinePolicy: ExpressibleByArgument {}

/// Reports NDJSON lines that were not valid JSON to stderr, by line number only.
struct InvalidLineReporter {
    /// Lines reported one by one; beyond that only a count.
    static let limit = 100

    let policy: InvalidLinePolicy
    private var count = 0

    init(policy: InvalidLinePolicy) { self.policy = policy }

    mutating func report(_ line: Int) {
        count += 1
        guard count <= Self.limit, policy != .fail else { return }
        let action = policy == .mask ? "masked as text" : "dropped"
        Diagnostics.write("piimask: line \(line): not valid JSON, \(action)\n")
    }

    /// Says how many were not reported one by one.
    func finish() {
        if count > Self.limit {
            Diagnostics.write("piimask: \(count - Self.limit) more lines were not valid JSON\n")
        }
    }
}
