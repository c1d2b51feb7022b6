/// Where a rule or field category was defined.
public struct RuleSource: Sendable, Equatable, CustomStringConvertible {
    /// The file's path, or `builtin:NAME` for a built-in rule file.
    public let file: String
    /// The 1-based line of the definition.
    public let line: Int?

    /// `file:line`.
    public var description: String { line.map { "\(file):\($0)" } ?? file }
}

/// The examples a rule carries to prove itself; `piimask rules test` and the test suite run them.
public struct RuleExamples: Sendable, Equatable {
    /// Texts in which the rule must find something.
    public var match: [String] = []
    /// Texts in which the rule must find nothing.
    public var noMatch: [String] = []
    /// Texts and the exact output of masking them with this rule alone.
    public var masked: [(input: String, output: String)] = []
    /// Where each list was set, by its key in the rule file (`match`, `no_match`, `masked`):
    /// a later file that overrides one list is named for its examples, not the first file.
    public var sources: [String: RuleSource] = [:]

    /// Whether both hold the same examples (wherever they were set).
    public static func == (lhs: RuleExamples, rhs: RuleExamples) -> Bool {
        lhs.match == rhs.match && lhs.noMatch == rhs.noMatch
            && lhs.masked.map(\.input) == rhs.masked.map(\.input)
            && lhs.masked.map(\.output) == rhs.masked.map(\.output)
    }
}

/// Context words around a candidate that decide whether it counts (hotwords).
///
/// A candidate counts when a `require` word (if any are declared) stands in the `window`
/// bytes before it, and no `deny` word stands in the `denyWindow` bytes before it closer to
/// it than the nearest `require` or `allow` word: in "order 123, call me on 456" the
/// phone word is nearer to 456 than the order word.
public struct ContextWords: Sendable, Equatable {
    /// How many bytes before the match are searched for `require` and `allow` words.
    public var window = 40
    /// When not empty, one of these words must stand in the window before the match.
    public var require: [String] = []
    /// When true, no digit may stand between the required word and the match: the word
    /// speaks of the first number after it only.
    public var noDigitsBetween = false
    /// Words that, nearer to the match than a deny word, cancel it (like `require` words,
    /// but not required).
    public var allow: [String] = []
    /// How many bytes before the match are searched for `deny` words.
    public var denyWindow = 24
    /// When one of these stands in the deny window, nearer than any require or allow word,
    /// the candidate does not count.
    public var deny: [String] = []
    /// Words that, in the `afterWindow` bytes after the match, count like a `require` word
    /// before it (`937 11 34 24 is my number`), when no `deny` word stands in that window
    /// too (and, with `noDigitsBetween`, no digit between the match and the word).
    public var after: [String] = []
    /// How many bytes after the match are searched for `after` and `deny` words.
    public var afterWindow = 32
}

/// One detection rule, as read from a rule file.
public struct RuleDefinition: Sendable {
    /// The rule's unique id, e.g. `phone.international`.
    public var id: String
    /// The data type it detects (`phone`, `email`, `card`, `iban`, `ssn`, or a user's own).
    public var type: String
    /// What the rule is for.
    public var description: String
    /// Which rule wins where matches of several rules overlap (higher wins).
    public var priority: Int
    /// The PCRE2 pattern.
    public var pattern: String
    /// Compile flags by name: `caseless`, `extended`, `utf`, `ucp`.
    public var flags: [String]
    /// A PCRE2 character class that every match contains a byte of (e.g. `[0-9]`), declared
    /// so that text without such a byte is skipped; nil lets PCRE2's pattern analysis decide.
    public var requires: String?
    /// Which candidates the engine hands the pattern (see `CandidateKind`); nil: inferred
    /// from the validator (`digits`, or `iban` for the iban validator), else `search`.
    public var candidate: CandidateKind?
    /// The validator's name and parameters, when the rule has one.
    public var validator: ValidatorSpec?
    /// Context words, when the rule has them.
    public var context: ContextWords?
    /// How a match is masked.
    public var mask: Mask
    /// Whether the rule runs.
    public var enabled: Bool
    /// The rule's own test cases: those that apply to it as it stands (masked examples
    /// written for a mask that a later file overrode are dropped).
    public var examples: RuleExamples
    /// Where it was defined.
    public var source: RuleSource
    /// The entries of later rule files that overrode some of its keys, in load order.
    public var overrides: [RuleSource]
}

/// A validator as named in a rule file, with its parameters.
public struct ValidatorSpec: Sendable, Equatable {
    /// The validator's name: `card`, `card-shape`, `luhn`, `iban`, `ssn` or `phone`.
    public var name: String
    /// For `phone`: the least number of digits.
    public var minDigits: Int?
    /// For `phone`: the most digits.
    public var maxDigits: Int?
    /// For `phone`: how a number written with `+` or `00` is checked against libphonenumber's
    /// plans: `lengths` (its country code exists and the rest has one of its lengths) or
    /// `plan` (leading digits too); nil: digit count only.
    public var countryCode: String?
    /// For `phone`: region codes (`NL`, or `all`) one of whose plans a national number (no
    /// `+` or `00`) must fit, with or without its trunk prefix; nil: digit count only.
    public var regions: [String]?
    /// For `phone`: the digits begin with a country code even without `+` or `00`.
    public var countryCodeFirst: Bool?
    /// For `dictionary` (set by `deny:` entries only): the tokens.
    var dictionary: TokenDictionary?
}

/// A field category: which detectors run on values of that category.
public struct FieldDefinition: Sendable {
    /// The category id, e.g. `message.text`.
    public var id: String
    /// What the category is.
    public var description: String
    /// The data types detected in it.
    public var detect: [String]
    /// Where the `detect` list in effect was set (or last added to).
    public var detectSource: RuleSource
    /// When true, a match counts only if it spans the whole value (leading and trailing
    /// white space aside): a customer name that *is* a phone number.
    public var wholeValue: Bool
    /// The category's own allow entries (`allow:` of the category; the rule files' top-level
    /// entries apply to every category besides).
    public var allow: [AllowEntry] = []
    /// Where it was defined.
    public var source: RuleSource
    /// The entries of later rule files that overrode some of its keys, in load order.
    public var overrides: [RuleSource]
    /// The top-level and the category's own allow entries, compiled (nil: none).
    var allowList: AllowList?
}

/// One entry of a field map: JSON values at `path` belong to field category `field`.
public struct FieldMapEntry: Sendable, Equatable {
    /// A dotted JSON path; `*` matches any one key or array index (e.g. `messages.*.text`).
    public var path: String
    /// The field category id.
    public var field: String
    /// Where it was defined.
    public var source: RuleSource
}
