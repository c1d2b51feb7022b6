private import CPCRE2

/// An error reported by PCRE2: its negative error code, PCRE2's own message and, for
/// compile errors, the byte offset in the pattern where PCRE2 stopped.
public struct PCRE2Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// PCRE2's error code (negative for match errors, positive for compile errors).
    public let code: Int32
    /// PCRE2's message for `code`, from `pcre2_get_error_message`.
    public let message: String
    /// For a compile error, the offset in the pattern (in bytes) where the error was found.
    public let patternOffset: Int?

    /// Builds the error for `code`, asking PCRE2 for its message.
    init(code: Int32, patternOffset: Int? = nil) {
        self.code = code
        self.patternOffset = patternOffset
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = buffer.withUnsafeMutableBufferPointer {
            pcre2_get_error_message_8(code, $0.baseAddress, $0.count)
        }
        self.message = length > 0
            ? String(decoding: buffer[0..<Int(length)], as: UTF8.self)
            : "unknown PCRE2 error \(code)"
    }

    /// True when a match gave up on a resource limit (match, depth or heap limit, or the
    /// JIT stack) rather than deciding: the caller must treat the subject as unsafe.
    public var isResourceLimit: Bool {
        switch code {
        case PCRE2_ERROR_MATCHLIMIT, PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT,
             PCRE2_ERROR_JIT_STACKLIMIT:
            return true
        default:
            return false
        }
    }

    /// The message, with the pattern offset for compile errors.
    public var description: String {
        if let patternOffset { return "\(message) at offset \(patternOffset)" }
        return message
    }
}
