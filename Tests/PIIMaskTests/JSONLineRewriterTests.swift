import Foundation
import Testing
@testable import PIIMask

@Suite struct JSONLineRewriterTests {
    // MARK: Unchanged output

    /// Lines that must come out byte for byte when the visitor changes nothing.
    static let validLines: [String] = [
        #"{}"#,
        #"[]"#,
        #"{"a":"b"}"#,
        #"{ "a" : "b" , "c" : [ 1 , 2 , { } , [ ] ] }"#,
        "{\"a\":\t\"b\"}\r",
        "  \t{\"a\":\"b\"}  \r",
        #"{"z":1,"a":2,"m":{"y":"1","b":"2"}}"#,
        #"[12345678901234567890123,-1.5e+300,0,-0,0.0001,1E5,1e-5,2.5E+10,-0.0e0]"#,
        #"{"t":true,"f":false,"n":null,"arr":[true,false,null]}"#,
        #"{"esc":"\"\\\/\b\f\n\r\t","u":"\u0041\u00e9\u20AC","pair":"\ud83d\ude00","lone":"\ud800"}"#,
        #"{"unicode":"héllo wörld € 😀 日本語","key with ü":"ü"}"#,
        #"{"nested":{"deeper":{"deepest":[[["x"]],{"y":["z"]}]}}}"#,
        #""just a string""#,
        #"42"#,
        #"-1.25e-7"#,
        #"true"#,
        #" null "#,
        #""""#,
        #"{"":""}"#,
        #"["a","b","c"]"#,
        "{\"del\":\"\u{7F}\"}",
        #"{"k\u0065y":"v\u0061l","a.b":"c"}"#,
    ]

    @Test(arguments: validLines)
    func unchangedWhenNothingChanges(line: String) {
        let result = jsonRewrite(line)
        #expect(result.ok)
        #expect(result.output == Array(line.utf8))
    }

    @Test(arguments: validLines)
    func scanAcceptsAndWritesNothing(line: String) {
        let rewriter = JSONLineRewriter()
        var visitor = JSONRecordingVisitor()
        let ok = Array(line.utf8).withUnsafeBytes { rewriter.scan($0, visitor: &visitor) }
        #expect(ok)
        #expect(visitor.seen == jsonRewrite(line).seen)
        let direct = Array(line.utf8).withUnsafeBytes { rewriter.isValid($0) }
        #expect(direct)
    }

    @Test func identityAppendsAfterExistingOutput() {
        let rewriter = JSONLineRewriter()
        var visitor = JSONRecordingVisitor()
        var output = Array("prefix|".utf8)
        let line = Array(#"{"a":"b","n":1}"#.utf8)
        let ok = line.withUnsafeBytes { rewriter.rewrite($0, into: &output, visitor: &visitor) }
        #expect(ok)
        #expect(String(decoding: output, as: UTF8.self) == #"prefix|{"a":"b","n":1}"#)
    }

    // MARK: What the visitor sees

    @Test func escapedTextIsDecodedBeforeTheVisitorSeesIt() {
        let result = jsonRewrite(#"["\u0034\u0031\u0031\u0031","a\/b","\ud83d\ude00","\"\\\/\b\f\n\r\t","\u00E9\u00e9","x\u0000y"]"#)
        #expect(result.ok)
        #expect(result.seen.map(\.bytes) == [
            Array("4111".utf8),
            Array("a/b".utf8),
            [0xF0, 0x9F, 0x98, 0x80],
            [0x22, 0x5C, 0x2F, 0x08, 0x0C, 0x0A, 0x0D, 0x09],
            [0xC3, 0xA9, 0xC3, 0xA9],
            [0x78, 0x00, 0x79],
        ])
    }

    @Test func unescapedStringsAreHandedOverAsSlicesOfTheLine() {
        let line = Array(#"{"a":"plain text"}"#.utf8)
        let rewriter = JSONLineRewriter()
        /// Checks that an unescaped string is handed over as a slice of the line.
        struct SliceCheck: JSONStringVisitor {
            var lineStart: UnsafeRawPointer
            var pointsIntoLine = false
            mutating func visit(_ string: JSONStringValue, at path: JSONPath, replacement: inout [UInt8]) -> JSONStringEdit {
                pointsIntoLine = string.bytes.baseAddress == lineStart + string.range.lowerBound + 1 && !string.hadEscapes
                return .keep
            }
        }
        let pointsIntoLine = line.withUnsafeBytes { buffer in
            var visitor = SliceCheck(lineStart: buffer.baseAddress!)
            _ = rewriter.scan(buffer, visitor: &visitor)
            return visitor.pointsIntoLine
        }
        #expect(pointsIntoLine)
    }

    @Test func loneSurrogatesDecodeToWTF8AndRoundTrip() {
        let line = #"["\ud800","\udc00x","\ud800\u0041","\ude00\ud83d","\uDBFF\uDFFF"]"#
        let kept = jsonRewrite(line)
        #expect(kept.ok)
        #expect(kept.text == line)
        #expect(kept.seen.map(\.bytes) == [
            [0xED, 0xA0, 0x80],
            [0xED, 0xB0, 0x80, 0x78],
            [0xED, 0xA0, 0x80, 0x41],
            [0xED, 0xB8, 0x80, 0xED, 0xA0, 0xBD],
            [0xF4, 0x8F, 0xBF, 0xBF],
        ])
        // Changed: the surrogates are written back as escapes, the rest as UTF-8.
        let changed = jsonRewrite(line) { bytes, _ in bytes + Array("!".utf8) }
        #expect(changed.ok)
        #expect(changed.text == "[\"\\ud800!\",\"\\udc00x!\",\"\\ud800A!\",\"\\ude00\\ud83d!\",\"\u{10FFFF}!\"]")
        #expect(jsonRewrite(changed.output).ok)
    }

    @Test func keysAreNeverPassedAsValues() {
        let result = jsonRewrite(#"{"4111111111111111":"x","k\u0065y":{"inner":["y",{"deep":"z"}]},"n":1}"#)
        #expect(result.ok)
        #expect(result.seen.map { String(decoding: $0.bytes, as: UTF8.self) } == ["x", "y", "z"])
    }

    @Test func pathsAndArrayIndices() {
        let result = jsonRewrite(#"{"a":[{"b":"x"}],"c":["p",1,"q",["r"],{"s":"t"}],"d":{"e":{"f":"g"}},"h":"i"}"#)
        #expect(result.ok)
        #expect(result.seen.map(\.path) == ["a.0.b", "c.0", "c.2", "c.3.0", "c.4.s", "d.e.f", "h"])
        #expect(jsonRewrite(#""top""#).seen.map(\.path) == [""])
        #expect(jsonRewrite(#"["a",["b",["c"]],"d"]"#).seen.map(\.path) == ["0", "1.0", "1.1.0", "2"])
    }

    @Test func pathKeysAreDecodedAndEscapedForDisplay() {
        let result = jsonRewrite(#"{"a\u0041":{"b\u0042":"1","x":"1b"},"c":{"d\u0044":"2"},"e":"3","x.y":{"*":"4","\\":"5"}}"#)
        #expect(result.ok)
        #expect(result.seen.map(\.path) == ["aA.bB", "aA.x", "c.dD", "e", #"x\.y.\*"#, #"x\.y.\\"#])
    }

    @Test func pathComponentsAreKeysAndIndices() {
        /// Records the components of every path.
        struct Capture: JSONStringVisitor {
            var components: [[String]] = []
            mutating func visit(_ string: JSONStringValue, at path: JSONPath, replacement: inout [UInt8]) -> JSONStringEdit {
                components.append(path.map { component in
                    switch component {
                    case .key(let bytes): return "key:" + String(decoding: bytes, as: UTF8.self)
                    case .index(let index): return "index:\(index)"
                    }
                })
                return .keep
            }
        }
        let rewriter = JSONLineRewriter()
        var visitor = Capture()
        let line = Array(#"{"a":[{"1":"x"}]}"#.utf8)
        #expect(line.withUnsafeBytes { rewriter.scan($0, visitor: &visitor) })
        #expect(visitor.components == [["key:a", "index:0", "key:1"]])
    }

    @Test func rangesCoverTheQuotedToken() {
        let line = #"{"a": "xy", "b":["\u0041", ""]}"#
        let result = jsonRewrite(line)
        #expect(result.ok)
        let bytes = Array(line.utf8)
        #expect(result.seen.map(\.range) == [6..<10, 17..<25, 27..<29])
        #expect(result.seen.map { String(decoding: bytes[$0.range], as: UTF8.self) } == [#""xy""#, #""\u0041""#, #""""#])
    }

    // MARK: Changed strings

    @Test func onlyChangedStringsChange() {
        let line = #"{"a" : "x" , "n":12345678901234567890123,"b":"y\u0021","c":"\u0034\/2","t":true}"#
        let result = jsonRewrite(line) { bytes, path in
            path.description == "a" ? Array("XX".utf8) : (bytes == Array("4/2".utf8) ? Array("**2".utf8) : nil)
        }
        #expect(result.ok)
        #expect(result.text == #"{"a" : "XX" , "n":12345678901234567890123,"b":"y\u0021","c":"**2","t":true}"#)
    }

    @Test func changedStringsAreReencodedValidly() throws {
        let replacements: [[UInt8]] = [
            Array(#"say "hi" \ bye"#.utf8),
            [0x00, 0x01, 0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x1F, 0x20, 0x7F],
            [0x61, 0xFF, 0x62, 0xC0, 0x80, 0xE2, 0x82],
            Array("héllo € 😀".utf8),
            [],
        ]
        for replacement in replacements {
            let result = jsonRewrite(#"{"k":"v","n":-1.5e+300}"#) { _, _ in replacement }
            #expect(result.ok)
            #expect(jsonFoundationParses(result.output), "not valid JSON: \(result.text)")
            #expect(jsonRewrite(result.output).ok)
        }
        let quoted = jsonRewrite(#"["v"]"#) { _, _ in Array(#"a"b\c"#.utf8) + [0x0A, 0x01, 0xFF] }
        #expect(quoted.text == #"["a\"b\\c\n\u0001\ufffd"]"#)
        let decoded = try #require(jsonFoundationValue(quoted.output) as? [String])
        #expect(decoded == ["a\"b\\c\n\u{01}\u{FFFD}"])
    }

    @Test func invalidUTF8InStringsIsAcceptedAndPassedThrough() {
        let line: [UInt8] = Array(#"{"a":""#.utf8) + [0xFF, 0xC3] + Array(#"x","b":"ok"}"#.utf8)
        let kept = jsonRewrite(line)
        #expect(kept.ok)
        #expect(kept.output == line)
        #expect(kept.seen.first?.bytes == [0xFF, 0xC3, 0x78])
        let changed = jsonRewrite(line) { bytes, _ in bytes }
        #expect(changed.ok)
        #expect(changed.text == #"{"a":"\ufffd\ufffdx","b":"ok"}"#)
        #expect(jsonFoundationParses(changed.output))
    }

    @Test func everyStringCanBeChanged() {
        let line = #"{"a":["one","tw\u006f",{"b":"three"}],"c":"four"}"#
        let result = jsonRewrite(line) { bytes, _ in Array(String(decoding: bytes, as: UTF8.self).uppercased().utf8) }
        #expect(result.ok)
        #expect(result.text == #"{"a":["ONE","TWO",{"b":"THREE"}],"c":"FOUR"}"#)
    }

    // MARK: Validation

    /// Lines that are not exactly one valid JSON value.
    static let invalidLines: [[UInt8]] = [
        "", " ", "\r", "{", "}", "[", "]", #"{"a":}"#, #"{"a"}"#, #"{"a":1,}"#, #"{,}"#, #"{"a" 1}"#,
        #"{"a":1 "b":2}"#, #"{a:1}"#, #"{1:2}"#, "[1,]", "[,1]", "[1 2]", "[1,,2]", #""abc"#, #"{"a":1} x"#,
        #"{"a":1}}"#, "[1]]", "01", "-01", "1.", "-", ".5", "1.e5", "1e", "1e+", "+1", "0x10", "1_000", #""\x""#,
        #""\u12""#, #""\u12G4""#, #""\"#, #""\U0041""#, "\"a\tb\"", "\"a\nb\"", "\"a\u{1F}b\"", "NaN", "Infinity",
        "-Infinity", "'single'", "{'a':'b'}", "tru", "truee", "nul", "False", "TRUE", #"{"a":tru}"#, "[true false]",
        #""a""b""#, "1 2", "\u{FEFF}{}", #"{"a":"b",}"#, "[\"a\"", "{\"a\":\"b\"", #"{"a\x":"b"}"#, "{\"a\tb\":1}",
    ].map { Array($0.utf8) } + [
        [0x22, 0x61, 0x00, 0x22],  // raw NUL in a string
        [0x7B, 0x7D, 0x00],  // NUL after the value
        [0x5B, 0x31, 0x0B, 0x5D],  // vertical tab is not whitespace
    ] + (0..<20).flatMap { offset -> [[UInt8]] in
        // A raw control byte at every offset of a long string or key (the 8-byte scan).
        let before = Array(repeating: UInt8(ascii: "a"), count: offset)
        let after = Array("bcdefghijklmnop".utf8)
        return [
            [0x22] + before + [0x09] + after + [0x22],
            [0x22] + before + [0x1F] + after + [0x22],
            Array(#"{""#.utf8) + before + [0x0A] + after + Array(#"":1}"#.utf8),
            [0x22] + before + after,  // unterminated
        ]
    }

    @Test(arguments: invalidLines)
    func invalidLinesAreRejected(line: [UInt8]) {
        let rewriter = JSONLineRewriter()
        var visitor = JSONRecordingVisitor { bytes, _ in bytes + [0x21] }
        var output = Array("keep".utf8)
        let ok = line.withUnsafeBytes { rewriter.rewrite($0, into: &output, visitor: &visitor) }
        #expect(!ok, "accepted: \(String(decoding: line, as: UTF8.self))")
        #expect(output == Array("keep".utf8))
    }

    @Test func outputIsRolledBackWhenAChangedStringPrecedesTheError() {
        let rewriter = JSONLineRewriter()
        var visitor = JSONRecordingVisitor { _, _ in Array("masked".utf8) }
        var output = Array("before".utf8)
        let line = Array(#"{"a":"secret","b":"x",}"#.utf8)
        let ok = line.withUnsafeBytes { rewriter.rewrite($0, into: &output, visitor: &visitor) }
        #expect(!ok)
        #expect(output == Array("before".utf8))
        #expect(visitor.seen.count == 2)
    }

    @Test func quotesAndEscapesAreFoundAtEveryOffset() {
        for offset in 0..<20 {
            let pad = String(repeating: "é", count: offset / 2) + String(repeating: "a", count: offset % 2)
            let line = #"{"\#(pad)k":"\#(pad)\"\#(pad)","\#(pad)":"\#(pad)\u0041\#(pad)x"}"#
            let result = jsonRewrite(line)
            #expect(result.ok)
            #expect(result.output == Array(line.utf8))
            #expect(result.seen.map(\.bytes) == [Array("\(pad)\"\(pad)".utf8), Array("\(pad)A\(pad)x".utf8)])
            #expect(result.seen.map(\.path) == ["\(pad)k", pad])
        }
    }

    @Test func scalarTopLevelValuesAreValid() {
        #expect(jsonRewrite(#""just a string""#).seen.map(\.bytes) == [Array("just a string".utf8)])
        #expect(jsonRewrite(#""just a string""#) { _, _ in Array("x".utf8) }.text == #""x""#)
        for line in ["42", "-0", "3.14", "true", "false", "null", " 7 \r"] {
            let result = jsonRewrite(line)
            #expect(result.ok, "\(line)")
            #expect(result.text == line)
            #expect(result.seen.isEmpty)
        }
    }

    // MARK: Depth and reuse

    @Test(arguments: [10_000, 100_000])
    func deepArraysDoNotRecurse(depth: Int) {
        let line = String(repeating: "[", count: depth) + #""x""# + String(repeating: "]", count: depth)
        /// Records the depth of the string and replaces it with `y`.
        struct Depth: JSONStringVisitor {
            var depth = -1
            mutating func visit(_ string: JSONStringValue, at path: JSONPath, replacement: inout [UInt8]) -> JSONStringEdit {
                depth = path.count
                replacement.append(0x79)
                return .replace
            }
        }
        let rewriter = JSONLineRewriter()
        var visitor = Depth()
        var output: [UInt8] = []
        let ok = Array(line.utf8).withUnsafeBytes { rewriter.rewrite($0, into: &output, visitor: &visitor) }
        #expect(ok)
        #expect(visitor.depth == depth)
        #expect(output == Array(line.replacingOccurrences(of: "\"x\"", with: "\"y\"").utf8))
        // The same rewriter, its scratch given back after the deep line, still works.
        let after = jsonRewrite(Array(#"{"k\u0065y":[["\u0041"]]}"#.utf8), rewriter: rewriter) { bytes, _ in bytes }
        #expect(after.text == #"{"k\u0065y":[["A"]]}"#)
        #expect(after.seen.map(\.path) == ["key.0.0"])
    }

    @Test(arguments: [10_000, 100_000])
    func deepObjectsDoNotRecurse(depth: Int) {
        var line = String(repeating: #"{"a":"#, count: depth) + #""x""# + String(repeating: "}", count: depth)
        var result = jsonRewrite(line)
        #expect(result.ok)
        #expect(result.output == Array(line.utf8))
        #expect(result.seen.first?.path == Array(repeating: "a", count: depth).joined(separator: "."))
        // With escaped keys (decoded into the key scratch at every level).
        line = String(repeating: #"{"\u0061":"#, count: depth) + #""x""# + String(repeating: "}", count: depth)
        result = jsonRewrite(line)
        #expect(result.ok)
        #expect(result.seen.first?.path == Array(repeating: "a", count: depth).joined(separator: "."))
        // Unbalanced: rejected, not crashed.
        #expect(!jsonRewrite(String(repeating: "[", count: depth)).ok)
        #expect(!jsonRewrite(String(repeating: "[", count: depth) + String(repeating: "]", count: depth - 1)).ok)
    }

    @Test func longEscapedStringsAndKeysGrowTheScratch() {
        let long = String(repeating: #"\u0041"#, count: 20_000)
        let line = "{\"k\(long)\":[\"\(long)\", \"x\"]}"
        let result = jsonRewrite(line) { bytes, _ in bytes.count > 1 ? Array(bytes.prefix(3)) : nil }
        #expect(result.ok)
        #expect(result.seen.map(\.bytes) == [Array(repeating: 0x41, count: 20_000), [0x78]])
        #expect(result.seen.map(\.path) == ["k" + String(repeating: "A", count: 20_000) + ".0", "k" + String(repeating: "A", count: 20_000) + ".1"])
        #expect(result.text == "{\"k\(long)\":[\"AAA\", \"x\"]}")
    }

    @Test func oneRewriterServesManyLines() {
        let rewriter = JSONLineRewriter()
        let lines = [
            #"{"k\u0065y":{"a\u0062":"x\u0021"}}"#,
            #"{"broken":"#,
            #"{"plain":{"b":"y"}}"#,
            #"["\u0041",{"c":"z"}]"#,
            "",
            #"{"ke":{"ab":"w"}}"#,
        ]
        var results: [JSONRewriteResult] = []
        for line in lines {
            results.append(jsonRewrite(Array(line.utf8), rewriter: rewriter) { bytes, _ in bytes + [0x2B] })
        }
        #expect(results.map(\.ok) == [true, false, true, true, false, true])
        #expect(results[0].text == #"{"k\u0065y":{"a\u0062":"x!+"}}"#)
        #expect(results[0].seen.map(\.path) == ["key.ab"])
        #expect(results[2].text == #"{"plain":{"b":"y+"}}"#)
        #expect(results[2].seen.map(\.path) == ["plain.b"])
        #expect(results[3].text == #"["A+",{"c":"z+"}]"#)
        #expect(results[3].seen.map(\.path) == ["0", "1.c"])
        #expect(results[5].seen.map(\.path) == ["ke.ab"])
    }

    // MARK: Randomized

    /// A small deterministic generator (SplitMix64).
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
    }

    /// A random JSON value with random whitespace, escapes and non-ASCII text.
    static func randomValue(depth: Int, using generator: inout Generator) -> String {
        func space() -> String { ["", "", " ", "\t", "\r\n ", "  "].randomElement(using: &generator)! }
        func string() -> String {
            let pieces = ["a", "Z", "0", " ", "é", "€", "😀", #"\""#, #"\\"#, #"\/"#, #"\n"#, #"\t"#, #"\u0041"#,
                          #"\u00e9"#, #"\ud83d\ude00"#, #"\ud800"#, "+31 6 1234 5678", "x@y.nl", "\u{7F}"]
            let count = Int.random(in: 0...6, using: &generator)
            return "\"" + (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined() + "\""
        }
        let choice = depth > 4 ? Int.random(in: 0...3, using: &generator) : Int.random(in: 0...5, using: &generator)
        switch choice {
        case 0: return string()
        case 1: return ["0", "-1", "3.25", "1e10", "-2.5E-3", "12345678901234567890123"].randomElement(using: &generator)!
        case 2: return ["true", "false", "null"].randomElement(using: &generator)!
        case 3: return string()
        case 4:
            let count = Int.random(in: 0...4, using: &generator)
            let members = (0..<count).map { _ in
                space() + string() + space() + ":" + space() + randomValue(depth: depth + 1, using: &generator) + space()
            }
            return "{" + (members.isEmpty ? space() : members.joined(separator: ",")) + "}"
        default:
            let count = Int.random(in: 0...4, using: &generator)
            let elements = (0..<count).map { _ in space() + randomValue(depth: depth + 1, using: &generator) + space() }
            return "[" + (elements.isEmpty ? space() : elements.joined(separator: ",")) + "]"
        }
    }

    @Test func randomValuesRoundTripAndReencodeValidly() throws {
        var generator = Generator(state: 20_240_601)
        let rewriter = JSONLineRewriter()
        for _ in 0..<2_000 {
            let line = Array(Self.randomValue(depth: 0, using: &generator).utf8)
            let kept = jsonRewrite(line, rewriter: rewriter)
            #expect(kept.ok, "rejected: \(String(decoding: line, as: UTF8.self))")
            #expect(kept.output == line)
            // Re-encode every string as decoded: same values, valid JSON.
            let same = jsonRewrite(line, rewriter: rewriter) { bytes, _ in bytes }
            #expect(same.ok)
            #expect(jsonRewrite(same.output, rewriter: rewriter).seen.map(\.bytes) == kept.seen.map(\.bytes))
            if !String(decoding: line, as: UTF8.self).contains(#"\ud800"#) {
                // Foundation rejects lone surrogates; everything else must parse the same.
                let original = jsonFoundationValue(line).map(jsonCanonical)
                #expect(original != nil, "Foundation rejects: \(String(decoding: line, as: UTF8.self))")
                #expect(jsonFoundationValue(same.output).map(jsonCanonical) == original)
            }
        }
    }

    @Test func mutatedLinesAgreeWithFoundationOnValidity() {
        var generator = Generator(state: 7)
        let rewriter = JSONLineRewriter()
        let alphabet = Array(#"{}[]:,"\ 0123456789.eE+-tfnrulsaxu"#.utf8) + [0x09, 0x0A, 0x0D, 0x01]
        var checked = 0
        for _ in 0..<3_000 {
            var line = Array(Self.randomValue(depth: 0, using: &generator).utf8)
            guard !line.isEmpty else { continue }
            for _ in 0..<Int.random(in: 1...2, using: &generator) {
                let position = Int.random(in: 0..<line.count, using: &generator)
                switch Int.random(in: 0...2, using: &generator) {
                case 0: line[position] = alphabet.randomElement(using: &generator)!
                case 1: line.insert(alphabet.randomElement(using: &generator)!, at: position)
                default: line.remove(at: position)
                }
                if line.isEmpty { break }
            }
            let ours = line.withUnsafeBytes { rewriter.isValid($0) }
            // Compare where Foundation's answer is a plain RFC 8259 verdict: it rejects lone
            // surrogates and invalid UTF-8 (which we accept by design) and accepts trailing
            // commas (which we reject) and rejects exponents beyond Double's range.
            let text = String(decoding: line, as: UTF8.self)
            guard String(validating: line, as: UTF8.self) != nil, !text.lowercased().contains(#"\ud"#),
                  text.firstRange(of: /,[ \t\r\n]*[\]}]/) == nil,
                  text.firstRange(of: /[eE][+-]?[0-9]{3}/) == nil else { continue }
            let theirs = jsonFoundationParses(line)
            #expect(ours == theirs, "disagree on: \(String(decoding: line, as: UTF8.self))")
            checked += 1
        }
        #expect(checked > 1_000)
    }
}
