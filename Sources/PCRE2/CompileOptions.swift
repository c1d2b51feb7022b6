private import CPCRE2

/// Options for compiling a `Pattern`. Each names the PCRE2 constant it sets.
public struct CompileOptions: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32

    /// Creates options from PCRE2 compile flags.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Case-insensitive matching. The corresponding C constant is `PCRE2_CASELESS`.
    public static let caseless = CompileOptions(rawValue: PCRE2_CASELESS)
    /// Ignore white space and `#` comments in the pattern. The C constant is `PCRE2_EXTENDED`.
    public static let extended = CompileOptions(rawValue: PCRE2_EXTENDED)
    /// `.` matches a newline too. The corresponding C constant is `PCRE2_DOTALL`.
    public static let dotAll = CompileOptions(rawValue: PCRE2_DOTALL)
    /// Match only at the start offset. The corresponding C constant is `PCRE2_ANCHORED`
    /// (set at compile time, because `pcre2_jit_match` ignores it at match time).
    public static let anchored = CompileOptions(rawValue: PCRE2_ANCHORED)
    /// A match must end at the end of the subject (pass a shorter subject length to make it
    /// end at a given offset). The corresponding C constant is `PCRE2_ENDANCHORED`.
    public static let endAnchored = CompileOptions(rawValue: PCRE2_ENDANCHORED)
    /// Treat pattern and subject as UTF-8, and never fail on invalid UTF-8 in the subject
    /// (invalid sequences simply do not match). The C constants are `PCRE2_UTF` and
    /// `PCRE2_MATCH_INVALID_UTF`.
    public static let utf = CompileOptions(rawValue: PCRE2_UTF | PCRE2_MATCH_INVALID_UTF)
    /// Unicode properties for `\d`, `\w`, `\s` (only with `.utf`). The C constant is `PCRE2_UCP`.
    public static let unicodeProperties = CompileOptions(rawValue: PCRE2_UCP)
    /// Keep repeats backtrackable even where PCRE2 could make them possessive, so that a
    /// callout rejecting a candidate makes PCRE2 try shorter ones. The C constant is
    /// `PCRE2_NO_AUTO_POSSESS`.
    public static let noAutoPossess = CompileOptions(rawValue: PCRE2_NO_AUTO_POSSESS)
    /// No start-up optimisations at match time, above all no pre-scan of the rest of the
    /// subject for a code unit every match needs: an anchored match then reads only the
    /// bytes it matches, so asking it at many sites of one long subject stays linear. The C
    /// constant is `PCRE2_NO_START_OPTIMIZE`.
    public static let noStartOptimize = CompileOptions(rawValue: PCRE2_NO_START_OPTIMIZE)
}
