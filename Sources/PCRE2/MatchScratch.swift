private import CPCRE2

/// Limits that stop a runaway match. Matching that hits one fails with a `PCRE2Error`
/// whose `isResourceLimit` is true.
public struct MatchLimits: Sendable, Hashable {
    /// PCRE2's match limit: how many times its internal match function may be entered.
    public var matchLimit: UInt32
    /// PCRE2's depth limit (backtracking depth; the interpreter only).
    public var depthLimit: UInt32
    /// PCRE2's heap limit for backtracking memory, in KiB (the interpreter only).
    public var heapLimitKiB: UInt32

    /// Creates limits.
    public init(matchLimit: UInt32 = 1_000_000, depthLimit: UInt32 = 10_000,
                heapLimitKiB: UInt32 = 20_000) {
        self.matchLimit = matchLimit
        self.depthLimit = depthLimit
        self.heapLimitKiB = heapLimitKiB
    }
}

/// Per-thread matching state: PCRE2 match data and a match context with limits.
///
/// Create one per thread (or take one from a pool) and reuse it for every match: it is
/// never allocated per match. Not `Sendable`: it is written by every match.
public final class MatchScratch {
    let matchData: OpaquePointer
    let matchContext: OpaquePointer

    /// Creates scratch space for patterns with at most `maxCaptureCount` capture groups.
    public init(maxCaptureCount: Int, limits: MatchLimits = MatchLimits()) {
        matchData = pcre2_match_data_create_8(UInt32(maxCaptureCount + 1), nil)!
        matchContext = pcre2_match_context_create_8(nil)!
        pcre2_set_match_limit_8(matchContext, limits.matchLimit)
        pcre2_set_depth_limit_8(matchContext, limits.depthLimit)
        pcre2_set_heap_limit_8(matchContext, limits.heapLimitKiB)
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(matchContext)
    }
}
