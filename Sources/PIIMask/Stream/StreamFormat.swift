/// What the lines of a stream hold.
public enum StreamFormat: Sendable, Equatable {
    /// Plain text: each line is one value, masked under the filter's field policy.
    case text
    /// NDJSON: each line is one JSON value (a chat event); only string values change, each
    /// under the field category its JSON path maps to, and plain integers that hold a value
    /// become strings of their masked form.
    case ndjson(onInvalid: InvalidLinePolicy)
}

/// What the NDJSON filter does with a line that is not valid JSON.
public enum InvalidLinePolicy: String, Sendable, CaseIterable {
    /// Mask the line as text under the default policy (fail closed), and count it.
    case mask
    /// Leave the line out of the output, and count it.
    case drop
    /// Stop: write what came before and report the line.
    case fail
}
