import Glibc

/// The one place that writes diagnostics: standard error, prefixed `piimask:`.
/// Callers pass messages that never contain input text.
enum Diagnostics {
    /// Writes `piimask: error: <message>` to stderr.
    static func error(_ message: String) {
        write("piimask: error: \(message)\n")
    }

    /// Writes a line to stderr as it is.
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 {
                    if written < 0 && errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
