/// Maps the JSON path of a string value to a field category, by ordered rules of dotted
/// path patterns (see `FieldPathPattern`): the first rule whose pattern matches the whole
/// path wins; an unmapped path has no category and the caller applies its default policy.
///
/// Example:
///
///     let map = try FieldMap([(pattern: "task.title", category: "task.title"),
///                             (pattern: "messages.*.text", category: "message.text")])
///     // in a JSONStringVisitor:
///     let category = map.category(for: path)   // "message.text" for messages.3.text
///
/// Patterns are compiled into one flat table grouped by depth, so a lookup only looks at the
/// rules of the path's depth, compares bytes (no `String` is built) and allocates nothing.
///
/// - Complexity: a lookup is O(*r* · *d*) byte comparisons at worst for the *r* rules of
///   the path's depth *d*; it usually stops at the first (innermost) component.
struct FieldMap: Sendable {
    /// One rule: values on paths matching `pattern` belong to `category`.
    struct Rule: Equatable, Sendable {
        /// Which paths the rule covers.
        let pattern: FieldPathPattern
        /// The field category id (`task.title`, `message.text`…).
        let category: String
    }

    /// A compiled pattern component: a wildcard, or a range of `literals` and, for a
    /// decimal literal, the array index it also matches.
    private struct CompiledComponent: Sendable {
        /// Where the literal's bytes start in `literals`.
        var start: Int
        /// How many bytes the literal has; -1 for `*`.
        var count: Int
        /// The array index a decimal literal matches; -1 for none.
        var index: Int
    }

    /// The rules, in order.
    let rules: [Rule]
    /// The compiled lookup table.
    private let table: Table

    /// The compiled patterns in flat, immutable, manually allocated arrays: a lookup reads
    /// them through plain pointers, with no retain/release or exclusivity checks.
    ///
    /// `@unchecked Sendable`: the memory is written once in `init` and only read afterwards,
    /// so sharing it across threads is safe; `deinit` frees it when the last map goes.
    private final class Table: @unchecked Sendable {
        /// The bytes of all literal components, back to back.
        let literals: UnsafeMutablePointer<UInt8>
        /// All rules' components, rule after rule in `rules` order.
        let components: UnsafeMutablePointer<CompiledComponent>
        /// Where each rule's components start in `components`.
        let componentStart: UnsafeMutablePointer<Int>
        /// Rule indexes sorted by depth, then by rule order.
        let rulesByDepth: UnsafeMutablePointer<Int>
        /// The rules of depth `d` are `rulesByDepth[depthStart[d]..<depthStart[d + 1]]`.
        let depthStart: UnsafeMutablePointer<Int>
        /// One more than the deepest pattern's depth: deeper paths match nothing.
        let depthLimit: Int

        /// Compiles `rules`.
        init(_ rules: [Rule]) {
            var literals: [UInt8] = []
            var components: [CompiledComponent] = []
            var componentStart: [Int] = []
            for rule in rules {
                componentStart.append(components.count)
                for component in rule.pattern.components {
                    switch component {
                    case .any:
                        components.append(CompiledComponent(start: 0, count: -1, index: -1))
                    case let .literal(key, index):
                        components.append(CompiledComponent(start: literals.count, count: key.count, index: index ?? -1))
                        literals.append(contentsOf: key)
                    }
                }
            }
            let maxDepth = rules.map(\.pattern.components.count).max() ?? 0
            var depthStart = [Int](repeating: 0, count: maxDepth + 2)
            var rulesByDepth: [Int] = []
            for depth in 0...maxDepth {
                depthStart[depth] = rulesByDepth.count
                rulesByDepth.append(contentsOf: rules.indices.filter { rules[$0].pattern.components.count == depth })
            }
            depthStart[maxDepth + 1] = rulesByDepth.count
            depthLimit = maxDepth + 1
            self.literals = Self.copy(literals)
            self.components = Self.copy(components)
            self.componentStart = Self.copy(componentStart)
            self.rulesByDepth = Self.copy(rulesByDepth)
            self.depthStart = Self.copy(depthStart)
        }

        /// Frees the arrays.
        deinit {
            literals.deallocate()
            components.deallocate()
            componentStart.deallocate()
            rulesByDepth.deallocate()
            depthStart.deallocate()
        }

        /// A manually allocated copy of `array` (room for at least one element).
        private static func copy<Element>(_ array: [Element]) -> UnsafeMutablePointer<Element> {
            let pointer = UnsafeMutablePointer<Element>.allocate(capacity: max(array.count, 1))
            array.withUnsafeBufferPointer { source in
                if let base = source.baseAddress {
                    pointer.initialize(from: base, count: source.count)
                }
            }
            return pointer
        }
    }

    /// A map with no rules: every path is unmapped.
    static let empty = FieldMap(rules: [])

    /// Builds the map from parsed rules, in priority order.
    init(rules: [Rule]) {
        self.rules = rules
        table = Table(rules)
    }

    /// Builds the map from `(pattern, category)` pairs in priority order, parsing each
    /// pattern.
    ///
    /// - Throws: the `FieldPathPatternError` of the first malformed pattern.
    init(_ rules: [(pattern: String, category: String)]) throws(FieldPathPatternError) {
        var parsed: [Rule] = []
        parsed.reserveCapacity(rules.count)
        for rule in rules {
            parsed.append(Rule(pattern: try FieldPathPattern(parsing: rule.pattern), category: rule.category))
        }
        self.init(rules: parsed)
    }

    /// The category of the first rule matching `path`, or nil when none does.
    @inline(__always)
    func category(for path: JSONPath) -> String? {
        ruleIndex(for: path).map { rules[$0].category }
    }

    /// The index in `rules` of the first rule matching `path`, or nil when none does; lets a
    /// caller keep per-rule data (a resolved policy) in an array instead of hashing names.
    func ruleIndex(for path: JSONPath) -> Int? {
        let depth = path.frames.count
        let table = self.table
        guard depth < table.depthLimit else { return nil }
        var candidate = table.depthStart[depth]
        let last = table.depthStart[depth &+ 1]
        while candidate < last {
            let rule = table.rulesByDepth[candidate]
            if Self.matches(path, components: table.components + table.componentStart[rule], literals: table.literals) {
                return rule
            }
            candidate &+= 1
        }
        return nil
    }

    /// Whether the pattern whose `path.count` components start at `components` matches
    /// `path`; compares the innermost component first, as it differs most often.
    @inline(__always)
    private static func matches(_ path: JSONPath, components: UnsafeMutablePointer<CompiledComponent>,
                                literals: UnsafeMutablePointer<UInt8>) -> Bool {
        var level = path.frames.count
        while level > 0 {
            level &-= 1
            let component = components[level]
            if component.count < 0 { continue }  // '*'
            let frame = path.frames[level]
            if frame.isObject {
                let key = path.keyBytes(frame)
                guard key.count == component.count else { return false }
                var offset = 0
                while offset < key.count {
                    guard key[offset] == literals[component.start &+ offset] else { return false }
                    offset &+= 1
                }
            } else {
                guard component.index == frame.index else { return false }
            }
        }
        return true
    }
}
