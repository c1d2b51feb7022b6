import Foundation
@testable import PIIMaskFixtures

/// Helpers shared by the fixture tests. The checks here are written independently of the
/// generator's own Luhn and mod-97 code, so that a bug there cannot hide itself.
enum TestSupport {
    /// The first `count` messages of `profile` for `seed`.
    static func messages(_ profile: Profile, seed: UInt64, count: Int) -> [LabeledMessage] {
        Array(CorpusGenerator(profile: profile, seed: seed).prefix(count))
    }

    /// The bytes a run of the emitter writes.
    static func emitted(
        _ profile: Profile, seed: UInt64, limit: OutputLimit, format: OutputFormat = .jsonLines,
        lineBytes: Int = 0
    ) throws -> (bytes: [UInt8], summary: EmitSummary) {
        var bytes: [UInt8] = []
        let writer = BufferedWriter(capacity: 4096) { bytes.append(contentsOf: $0) }
        let summary = try CorpusEmitter.emit(
            profile: profile, seed: seed, limit: limit, format: format, to: writer,
            lineBytes: lineBytes)
        return (bytes, summary)
    }

    /// The text of the UTF-8 bytes `start..<end` of `text`, or `nil` if the range is out of
    /// bounds or does not fall on character boundaries.
    static func slice(_ text: String, _ start: Int, _ end: Int) -> String? {
        let bytes = Array(text.utf8)
        guard 0 <= start, start < end, end <= bytes.count else { return nil }
        return String(validating: bytes[start..<end], as: UTF8.self)
    }

    /// The decimal digits of `text`, in order.
    static func digits(_ text: String) -> [Int] {
        text.compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
    }

    /// Luhn check: from the right, every second digit doubled, digit sum divisible by 10.
    static func passesLuhn(_ digits: [Int]) -> Bool {
        var total = 0
        for (position, digit) in digits.reversed().enumerated() {
            if position % 2 == 1 {
                let doubled = digit * 2
                total += doubled / 10 + doubled % 10
            } else {
                total += digit
            }
        }
        return !digits.isEmpty && total % 10 == 0
    }

    /// ISO 13616 check: move the first four characters to the end, turn letters into
    /// numbers (A = 10), and the number modulo 97 must be 1. Done in chunks of seven digits.
    static func passesMod97(_ iban: String) -> Bool {
        let upper = iban.uppercased()
        guard upper.count > 4 else { return false }
        let moved = String(upper.dropFirst(4) + upper.prefix(4))
        var numeric = ""
        for character in moved {
            if let value = character.wholeNumberValue, character.isASCII {
                numeric += String(value)
            } else if let ascii = character.asciiValue, (65...90).contains(ascii) {
                numeric += String(Int(ascii) - 55)
            } else {
                return false
            }
        }
        var remainder = ""
        var rest = Substring(numeric)
        while !rest.isEmpty {
            let chunk = remainder + rest.prefix(7)
            rest = rest.dropFirst(7)
            remainder = String((Int(chunk) ?? 0) % 97)
        }
        return Int(remainder) == 1
    }

    /// Area, group and serial of an SSN written `AAA-GG-SSSS`, `AAA GG SSSS` or compact.
    static func ssnParts(_ text: String) -> (area: Int, group: Int, serial: Int)? {
        let characters = Array(text)
        let compact: [Character]
        if characters.count == 11, characters[3] == characters[6],
           characters[3] == "-" || characters[3] == " " {
            compact = Array(characters[0..<3] + characters[4..<6] + characters[7...])
        } else {
            compact = characters
        }
        guard compact.count == 9, compact.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return nil
        }
        let value = String(compact)
        return (Int(value.prefix(3))!, Int(value.dropFirst(3).prefix(2))!, Int(value.suffix(4))!)
    }

    /// Whether area, group and serial obey the SSA's rules for issued numbers.
    static func isValidSSN(area: Int, group: Int, serial: Int) -> Bool {
        (1...899).contains(area) && area != 666 && (1...99).contains(group) && (1...9999).contains(serial)
    }

    /// The parsed JSON objects of a JSON-lines output.
    static func jsonObjects(_ bytes: [UInt8]) throws -> [[String: Any]] {
        try lines(bytes).map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            guard let dictionary = object as? [String: Any] else {
                throw CocoaError(.coderReadCorrupt)
            }
            return dictionary
        }
    }

    /// The lines of an output, without their line breaks.
    static func lines(_ bytes: [UInt8]) -> [String] {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
