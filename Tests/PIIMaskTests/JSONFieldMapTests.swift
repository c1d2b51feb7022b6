import Testing
@testable import PIIMask

@Suite struct JSONFieldMapTests {
    // MARK: Patterns

    /// The components of a parsed pattern, written `*` or `key` (`key#n` for a decimal one).
    private func components(_ pattern: String) throws -> [String] {
        try FieldPathPattern(parsing: pattern).components.map { component in
            switch component {
            case .any: return "*"
            case let .literal(key, index): return String(decoding: key, as: UTF8.self) + (index.map { "#\($0)" } ?? "")
            }
        }
    }

    @Test func patternsParse() throws {
        #expect(try components("task.title") == ["task", "title"])
        #expect(try components("cad.*") == ["cad", "*"])
        #expect(try components("messages.*.text") == ["messages", "*", "text"])
        #expect(try components("*.sender.signature") == ["*", "sender", "signature"])
        #expect(try components("*") == ["*"])
        #expect(try components("title") == ["title"])
        #expect(try components("items.0.name") == ["items", "0#0", "name"])
        #expect(try components("items.01.x") == ["items", "01", "x"])
        #expect(try components("a b.ü") == ["a b", "ü"])
    }

    @Test func escapesInPatterns() throws {
        #expect(try components(#"headers.x\.request\.id"#) == ["headers", "x.request.id"])
        #expect(try components(#"a\*.b"#) == ["a*", "b"])
        #expect(try components(#"\*"#) == ["*"])
        #expect(try FieldPathPattern(parsing: #"\*"#).components == [.literal(key: Array("*".utf8), index: nil)])
        #expect(try components(#"back\\slash"#) == [#"back\slash"#])
        #expect(try components(#"a\\.b"#) == [#"a\"#, "b"])
        #expect(try components(#"\.x.y"#) == [".x", "y"])
    }

    /// Malformed patterns and the reason each must give.
    static let malformed: [(pattern: String, reason: String, column: Int)] = [
        ("", "is empty", 1),
        (".a", "starts with `.`", 1),
        ("a.", "ends with `.`", 2),
        ("task.title.", "ends with `.`", 11),
        ("a..b", "has an empty component (`..`)", 3),
        (#"a\"#, "ends with a lone `\\` (write `\\\\` for a literal backslash)", 2),
        (#"a\x"#, "has an unknown escape `\\x` (only `\\.`, `\\*` and `\\\\` are allowed)", 2),
        ("a*.b", "mixes `*` with other characters in one component (write `\\*` for a literal `*`)", 1),
        ("a.**", "mixes `*` with other characters in one component (write `\\*` for a literal `*`)", 3),
        (#"a.\**"#, "mixes `*` with other characters in one component (write `\\*` for a literal `*`)", 3),
        ("é..x", "has an empty component (`..`)", 3),
    ]

    @Test(arguments: malformed)
    func malformedPatternsAreRejected(pattern: String, reason: String, column: Int) {
        #expect(throws: FieldPathPatternError(pattern: pattern, column: column, reason: reason)) {
            try FieldPathPattern(parsing: pattern)
        }
    }

    @Test func errorMessagesNameThePatternAndTheProblem() {
        do {
            _ = try FieldPathPattern(parsing: "a..b")
            Issue.record("accepted a..b")
        } catch {
            #expect(error.description == "field path \"a..b\" has an empty component (`..`) at column 3")
        }
        #expect(throws: FieldPathPatternError.self) { try FieldMap([(pattern: "ok", category: "x"), (pattern: "bad.", category: "y")]) }
    }

    // MARK: Lookups

    /// The category of every string value of `line`, by path.
    private func categories(_ line: String, _ map: FieldMap) -> [String] {
        /// Records `path=category` for every string.
        struct Lookup: JSONStringVisitor {
            let map: FieldMap
            var found: [String] = []
            mutating func visit(_ string: JSONStringValue, at path: JSONPath, replacement: inout [UInt8]) -> JSONStringEdit {
                found.append("\(path)=\(map.category(for: path) ?? "nil")")
                return .keep
            }
        }
        let rewriter = JSONLineRewriter()
        var visitor = Lookup(map: map)
        let ok = Array(line.utf8).withUnsafeBytes { rewriter.scan($0, visitor: &visitor) }
        #expect(ok)
        return visitor.found
    }

    static let chatMap = try! FieldMap([
        (pattern: "task.title", category: "task.title"),
        (pattern: "messages.*.text", category: "message.text"),
        (pattern: "*.sender.signature", category: "media.sender"),
        (pattern: "cad.origin", category: "cad.origin"),
        (pattern: "cad.*", category: "cad.other"),
        (pattern: #"headers.x\.id"#, category: "header.id"),
        (pattern: "list.1", category: "second"),
    ])

    @Test func exactAndWildcardMatches() {
        let line = #"{"task":{"title":"+31 6 1234 5678","other":"x"},"messages":[{"text":"a","sender":{"signature":"s"}},{"text":"b"}],"#
            + #""message":{"sender":{"signature":"m"}},"cad":{"origin":"o","lang":"nl","deep":{"x":"y"}},"#
            + #""headers":{"x.id":"h","x":{"id":"not"}},"list":["zero","one"],"title":"t"}"#
        #expect(categories(line, Self.chatMap) == [
            "task.title=task.title",
            "task.other=nil",
            "messages.0.text=message.text",
            "messages.0.sender.signature=nil",  // four components: no three-component pattern matches
            "messages.1.text=message.text",
            "message.sender.signature=media.sender",
            "cad.origin=cad.origin",  // the first matching rule wins over cad.*
            "cad.lang=cad.other",
            "cad.deep.x=nil",  // `*` is exactly one component
            #"headers.x\.id=header.id"#,
            "headers.x.id=nil",  // the key "x.id" is not the path x → id
            "list.0=nil",
            "list.1=second",
            "title=nil",
        ])
    }

    @Test func firstMatchWins() throws {
        let wildcardFirst = try FieldMap([(pattern: "cad.*", category: "wild"), (pattern: "cad.origin", category: "exact")])
        #expect(categories(#"{"cad":{"origin":"o"}}"#, wildcardFirst) == ["cad.origin=wild"])
        let exactFirst = try FieldMap([(pattern: "cad.origin", category: "exact"), (pattern: "cad.*", category: "wild")])
        #expect(categories(#"{"cad":{"origin":"o"}}"#, exactFirst) == ["cad.origin=exact"])
        let rules = try FieldMap([(pattern: "*.*", category: "any2"), (pattern: "a.b", category: "ab")])
        #expect(categories(#"{"a":{"b":"1"},"c":["2"]}"#, rules) == ["a.b=any2", "c.0=any2"])
    }

    @Test func wildcardsMatchKeysAndIndices() throws {
        let map = try FieldMap([(pattern: "*", category: "top"), (pattern: "*.*.*", category: "three")])
        #expect(categories(#"["a",{"b":"c"},[["d"]],{"e":["f"]}]"#, map) == ["0=top", "1.b=nil", "2.0.0=three", "3.e.0=three"])
        #expect(categories(#""scalar""#, map) == ["=nil"])
    }

    @Test func decimalComponentsMatchIndicesAndKeys() throws {
        let map = try FieldMap([(pattern: "a.0", category: "zero"), (pattern: "a.01", category: "zero-one")])
        #expect(categories(#"{"a":["x","y"]}"#, map) == ["a.0=zero", "a.1=nil"])
        #expect(categories(#"{"a":{"0":"x","01":"y","1":"z"}}"#, map) == ["a.0=zero", "a.01=zero-one", "a.1=nil"])
        #expect(categories(#"{"a":["p","q"]}"#, try FieldMap([(pattern: "a.01", category: "c")])) == ["a.0=nil", "a.1=nil"])
    }

    @Test func escapedKeysInTheLineMatchTheirDecodedForm() throws {
        let map = try FieldMap([(pattern: "task.title", category: "task.title"), (pattern: "é.ü", category: "umlaut")])
        #expect(categories(#"{"t\u0061sk":{"titl\u0065":"x"},"\u00e9":{"\u00fc":"y"}}"#, map) == ["task.title=task.title", "é.ü=umlaut"])
    }

    @Test func unmappedIsNil() {
        #expect(categories(#"{"a":"1","task":{"title":{"deeper":"2"}},"tas":{"title":"3"},"task ":{"title":"4"}}"#, Self.chatMap)
            == ["a=nil", "task.title.deeper=nil", "tas.title=nil", "task .title=nil"])
        #expect(categories(#"{"task":{"title":"x"}}"#, .empty) == ["task.title=nil"])
    }

    @Test func ruleIndexPointsIntoRules() {
        /// Records the rule index of every string.
        struct Index: JSONStringVisitor {
            let map: FieldMap
            var indexes: [Int?] = []
            mutating func visit(_ string: JSONStringValue, at path: JSONPath, replacement: inout [UInt8]) -> JSONStringEdit {
                indexes.append(map.ruleIndex(for: path))
                return .keep
            }
        }
        let rewriter = JSONLineRewriter()
        var visitor = Index(map: Self.chatMap)
        let line = Array(#"{"cad":{"lang":"nl","origin":"x"},"z":"q"}"#.utf8)
        #expect(line.withUnsafeBytes { rewriter.scan($0, visitor: &visitor) })
        #expect(visitor.indexes == [4, 3, nil])
        #expect(Self.chatMap.rules[4].category == "cad.other")
        #expect(Self.chatMap.rules.map(\.pattern.description).first == "task.title")
    }
}
