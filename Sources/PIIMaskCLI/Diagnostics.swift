import Glibc

/// The one place that writes diagnostics: standard error, prefixed `piimask:`.
/// Callers pass messages that never contain input text.
public enum Diagnostics {
    /// Writes `piimask: error: <message>` to stderr.
    public static func error(_ message: String) {
        write("piimask: error: \(message)\n")
    }

    /// ArgumentParser's message for a usage error (`Error: …`, then the usage) in
    /// piimask's one style, `piimask: error: …`, ending in a newline.
    static func restyled(_ message: String) -> String {
        var text = message.hasPrefix("Error: ") ? "piimask: error: " + message.dropFirst("Error: ".count) : message
        if !text.hasSuffix("\n") { text += "\n" }
        return text
    }

    /// Writes a line to stderr as it is.
    public static func write(_ text: String) {
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
