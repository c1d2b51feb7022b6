import Foundation
import Testing

/// Issue 16's memory bound, read as a person would (the process's peak resident memory,
/// `VmHWM`), no timing: a line of N bytes held whole costs at most a documented multiple of
/// N above the filter's own footprint (docs/guarantees.md), however its bytes fold or nest.
@Suite(.serialized) struct PeakMemoryTests {
    /// The peak resident memory in bytes of `piimask ARGUMENTS` once it has written the
    /// masked form of `line`, read from /proc while its standard input is still open.
    static func peakAfterOneLine(_ line: [UInt8], _ arguments: [String] = []) throws -> Int {
        let (process, stdin, stdout) = try CLIRunner.start(arguments, stderr: FileHandle.nullDevice)
        let writer = Thread { stdin.fileHandleForWriting.write(Data(line + [0x0A])) }
        writer.start()
        var seen = 0
        while true {
            let data = stdout.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += data.count
            if data.last == 0x0A { break }
        }
        let status = try String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
        try? stdin.fileHandleForWriting.close()
        _ = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(seen > 0)
        let kilobytes = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
            .flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) }
        return try #require(kilobytes) * 1024
    }

    /// Lines of 4 MiB that fold, nest or are one long digit run.
    static let cases: [(unit: String, arguments: [String])] = [
        ("[", ["--format", "ndjson"]),
        ("\u{00A0}1", []),
        ("\u{FF11}", []),
        ("1 ", []),
        ("a%40", []),
    ]

    @Test(arguments: 0..<cases.count)
    func aLineHeldWholeCostsAtMostTenTimesItsBytes(index: Int) throws {
        let (unit, arguments) = Self.cases[index]
        let footprint = try Self.peakAfterOneLine(Array("hello".utf8), arguments)
        var line: [UInt8] = []
        let unitBytes = Array(unit.utf8)
        while line.count < 4 << 20 { line += unitBytes }
        let peak = try Self.peakAfterOneLine(line, arguments)
        // The documented bound is 8 × N for a release build; a debug build gets 10 ×.
        #expect(peak - footprint <= 10 * line.count,
                "\(unit.unicodeScalars.map { $0.value }): \(peak - footprint) bytes above the footprint for \(line.count)")
    }
}
