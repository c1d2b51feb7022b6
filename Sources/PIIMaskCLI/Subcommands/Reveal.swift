import ArgumentParser
import Foundation
import Glibc
import PIIMask

/// `piimask reveal`: turns `encrypt` tokens back into values, for a holder of the key.
struct Reveal: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replace encrypt tokens on standard input by the values they hold (needs the token key file).",
        discussion: """
            Reads lines on standard input and writes each to standard output as soon as it \
            is read, with every [TYPE:enc:KEY:…] token replaced by its value; all other bytes \
            are unchanged. Without a key file it refuses to run. A token whose key id is not \
            listed, or that does not open with the listed key (a wrong key, an altered token), \
            stops it with status 2 before anything of that line is written; standard error \
            names the line, byte offset and key id, never a value. Exit status: 0 done, \
            2 usage, key, read or token error.
            """)

    @OptionGroup var keys: TokenKeyOptions

    func run() throws {
        guard let ring = try keys.loadKeys() else {
            Diagnostics.error("reveal needs the token key file: --token-key-file PATH or \(TokenKeyOptions.environmentVariable)")
            throw ExitCode(ExitStatus.usage)
        }
        let revealer = TokenRevealer(keys: ring)
        var reader = LineReader(descriptor: 0)
        var number = 0
        while true {
            let next: LineReader.Line?
            do {
                next = try reader.next()
            } catch {
                Diagnostics.error("cannot read standard input: \(error.description)")
                throw ExitCode(ExitStatus.usage)
            }
            guard let line = next else { return }
            number += 1
            var revealed: [UInt8]
            do {
                revealed = try revealer.reveal(line.bytes)
            } catch {
                Diagnostics.error("line \(number): \(error.description)")
                throw ExitCode(ExitStatus.usage)
            }
            if line.newline { revealed.append(UInt8(ascii: "\n")) }
            guard Self.writeAll(revealed) else { return }
        }
    }

    /// Writes `bytes` to standard output; false when it is closed (the reader went away).
    private static func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
    }
}
