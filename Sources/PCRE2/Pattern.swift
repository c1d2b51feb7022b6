private import CPCRE2

/// A compiled PCRE2 pattern, JIT-compiled when the platform allows.
///
/// Immutable after `init`: PCRE2 documents compiled code (including its JIT code) as safe
/// to use from many threads at once, as long as each thread brings its own match data —
/// here a `MatchScratch`. That is why the class is `@unchecked Sendable`.
public final class Pattern: @unchecked Sendable {
    private let code: OpaquePointer
    /// Whether matching runs the JIT-compiled code (false: PCRE2's interpreter).
    public let usesJIT: Bool
    /// The number of capturing groups in the pattern.
    public let captureCount: Int
    /// Whether the pattern can match an empty string.
    public let canMatchEmpty: Bool
    /// The bytes a match can start with, when PCRE2 knows them (nil: any byte).
    public let startBytes: ByteSet?
    /// A byte every match must contain, when PCRE2 knows one (nil: none known).
    public let requiredBytes: ByteSet?

    /// Compiles `pattern` and JIT-compiles the result; falls back to the interpreter when
    /// JIT is not available.
    ///
    /// - Throws: `PCRE2Error` with PCRE2's message and the offset in the pattern.
    public init(_ pattern: String, options: CompileOptions = []) throws(PCRE2Error) {
        var errorCode: Int32 = 0
        var errorOffset = 0
        var utf8 = Array(pattern.utf8)
        utf8.append(0)
        let compiled = utf8.withUnsafeBufferPointer {
            pcre2_compile_8($0.baseAddress, utf8.count - 1, options.rawValue,
                            &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw PCRE2Error(code: errorCode, patternOffset: errorOffset)
        }
        code = compiled
        usesJIT = pcre2_jit_compile_8(compiled, PCRE2_JIT_COMPLETE) == 0
        captureCount = Int(Self.info(compiled, PCRE2_INFO_CAPTURECOUNT))
        canMatchEmpty = Self.info(compiled, PCRE2_INFO_MATCHEMPTY) != 0
        let isUTF = options.contains(.utf)
        var bitmap: UnsafePointer<UInt8>? = nil
        _ = pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_FIRSTBITMAP), &bitmap)
        if let bitmap {
            startBytes = ByteSet(pcre2Bitmap: bitmap)
        } else if Self.info(compiled, PCRE2_INFO_FIRSTCODETYPE) == 1 {
            startBytes = Self.caseClosure(Self.info(compiled, PCRE2_INFO_FIRSTCODEUNIT), utf: isUTF)
        } else {
            startBytes = nil
        }
        requiredBytes = Self.info(compiled, PCRE2_INFO_LASTCODETYPE) == 1
            ? Self.caseClosure(Self.info(compiled, PCRE2_INFO_LASTCODEUNIT), utf: isUTF)
            : nil
    }

    deinit { pcre2_code_free_8(code) }

    /// Finds the first match in `subject` at or after byte `offset`.
    ///
    /// Lookbehinds see the subject before `offset`, never before the subject's start.
    /// When the pattern contains callouts (`(?C)`) and `accept` is given, `accept` is asked
    /// at each callout with the subject and the candidate range so far; returning false makes
    /// PCRE2 backtrack and try shorter or later candidates, as if that path had failed.
    /// - Returns: the byte range of the match, or nil when there is none.
    /// - Throws: `PCRE2Error` when matching failed, e.g. on a resource limit
    ///   (`isResourceLimit`): the subject was then not decided.
    @inline(__always)
    public func firstMatch(in subject: UnsafeRawBufferPointer, from offset: Int,
                           scratch: MatchScratch,
                           accept: (any CandidateFilter)? = nil) throws(PCRE2Error) -> Range<Int>? {
        let rc: Int32
        if let accept {
            var filter = accept
            rc = withUnsafeMutablePointer(to: &filter) { filterPointer in
                pcre2_set_callout_8(scratch.matchContext, calloutTrampoline, filterPointer)
                defer { pcre2_set_callout_8(scratch.matchContext, nil, nil) }
                return run(subject, offset, scratch)
            }
        } else {
            rc = run(subject, offset, scratch)
        }
        if rc == PCRE2_ERROR_NOMATCH { return nil }
        if rc < 0 { throw PCRE2Error(code: rc) }
        let ovector = pcre2_get_ovector_pointer_8(scratch.matchData)!
        return ovector[0]..<ovector[1]
    }

    @inline(__always)
    private func run(_ subject: UnsafeRawBufferPointer, _ offset: Int,
                     _ scratch: MatchScratch) -> Int32 {
        let base = subject.baseAddress?.assumingMemoryBound(to: UInt8.self)
            ?? Self.emptySubject
        return usesJIT
            ? pcre2_jit_match_8(code, base, subject.count, offset, 0,
                                scratch.matchData, scratch.matchContext)
            : pcre2_match_8(code, base, subject.count, offset, 0,
                            scratch.matchData, scratch.matchContext)
    }

    /// A non-null address for matching an empty subject.
    nonisolated(unsafe) private static let emptySubject: UnsafePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()

    private static func info(_ code: OpaquePointer, _ what: Int32) -> UInt32 {
        var value: UInt32 = 0
        _ = pcre2_pattern_info_8(code, UInt32(what), &value)
        return value
    }

    /// The byte set for a first or last code unit, both ASCII cases included because PCRE2
    /// does not report whether that unit is caseless. In UTF mode a letter is dropped
    /// (nil): a caseless letter can also match a multi-byte character (`k` and the Kelvin sign).
    private static func caseClosure(_ unit: UInt32, utf: Bool) -> ByteSet? {
        guard unit < 256 else { return nil }
        let byte = UInt8(unit)
        let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
        if !isLetter { return ByteSet([byte]) }
        if utf { return nil }
        return ByteSet([byte | 0x20, byte & ~0x20])
    }
}

/// Decides at a callout whether a candidate match may stand: given the whole subject, the
/// byte range matched so far and the callout's number (`(?C3)` is 3), true accepts it,
/// false makes PCRE2 backtrack.
public protocol CandidateFilter: AnyObject {
    /// Whether the candidate `range` of `subject`, reached at callout `callout`, is accepted.
    func accepts(_ subject: UnsafeRawBufferPointer, _ range: Range<Int>, callout: Int) -> Bool
}

/// PCRE2's callout function: returns 0 to go on, 1 to fail at this point and backtrack.
/// The callout data points at the caller's `any CandidateFilter` on its stack.
private let calloutTrampoline: @convention(c) (
    UnsafeMutablePointer<pcre2_callout_block_8>?, UnsafeMutableRawPointer?
) -> Int32 = { block, data in
    guard let block, let data else { return 0 }
    let filter = data.assumingMemoryBound(to: (any CandidateFilter).self).pointee
    let subject = UnsafeRawBufferPointer(start: block.pointee.subject,
                                         count: block.pointee.subject_length)
    let range = block.pointee.start_match..<block.pointee.current_position
    return filter.accepts(subject, range, callout: Int(block.pointee.callout_number)) ? 0 : 1
}
