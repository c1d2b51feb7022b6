import ArgumentParser
import PIIMask

/// `piimask rules`: inspect and test the rules in effect.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List or test the rules in effect.",
        subcommands: [List.self, Test.self])

    /// `piimask rules list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the rules (or field categories) in effect, with where each is defined.")

        @OptionGroup var rules: RuleOptions

        @Flag(help: "List the field categories and their detectors instead of the rules.")
        var fields = false

        func run() throws {
            let masker = try rules.makeMasker()
            let ruleSet = masker.ruleSet
            var output = ""
            if fields {
                for field in ruleSet.fields {
                    let marker = field.id == ruleSet.defaultField ? " (default)" : ""
                    let whole = field.wholeValue ? " [whole value]" : ""
                    output += "\(field.id)\(marker)\t\(field.detect.joined(separator: ","))\(whole)\t\(Self.origin(field.source, field.overrides))\tdetect set in \(field.detectSource)\n"
                    for entry in field.allow { output += "  allow\t\(Self.describe(entry))\n" }
                }
            } else {
                for rule in ruleSet.rules {
                    let state = rule.enabled ? "" : " (disabled)"
                    output += "\(rule.id)\(state)\t\(rule.type)\tpriority \(rule.priority)\t\(Self.origin(rule.source, rule.overrides))\t\(rule.description)\n"
                }
                for entry in ruleSet.allow { output += "allow (every field)\t\(Self.describe(entry))\n" }
            }
            print(output, terminator: "")
            if rules.givenPaths.isEmpty, !rules.paths.isEmpty {
                Diagnostics.write("piimask: the rule files of \(RuleOptions.defaultFolder) are loaded after the built-in rules (the default rules folder; --rules replaces it)\n")
            }
        }

        /// An allow entry: its type, values and domains, and where it is written (the values
        /// come from the operator's own rule file).
        static func describe(_ entry: AllowEntry) -> String {
            var parts = entry.values
            parts += entry.domains.map { "domain \($0)" }
            return "\(entry.type)\t\(parts.joined(separator: ", "))\t\(entry.source)"
        }

        /// Where an entry was defined, and the files that overrode it:
        /// `builtin:email.yaml:5, overridden in mine.yaml:3`.
        static func origin(_ source: RuleSource, _ overrides: [RuleSource]) -> String {
            overrides.isEmpty ? "\(source)" : "\(source), overridden in \(overrides.map(\.description).joined(separator: ", "))"
        }
    }

    /// `piimask rules test`.
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every rule's examples; exit 1 if one fails.",
            discussion: """
                With --no-builtin-rules, only the rules of the --rules files are tested. Files \
                that do not define field categories and default_field of their own are loaded \
                over the built-in ones for that (each rule's examples run on that rule alone). \
                A rule is judged by the examples that apply to it: a mask overridden without \
                masked examples of its own drops the masked examples written for the old mask.
                """)

        @OptionGroup var rules: RuleOptions

        func run() throws {
            let masker = try rules.noBuiltinRules ? ownRulesMasker() : rules.makeMasker()
            var failures = masker.testRuleExamples()
            var total = masker.ruleExampleCount
            if rules.noBuiltinRules {
                let own = masker.ruleSet.rules.filter { $0.enabled && !$0.source.file.hasPrefix("builtin:") }
                let ids = Set(own.map(\.id))
                failures = failures.filter { ids.contains($0.ruleID) }
                total = own.reduce(0) { $0 + $1.examples.match.count + $1.examples.noMatch.count + $1.examples.masked.count }
            }
            for failure in failures { Diagnostics.write("FAIL \(failure)\n") }
            print("\(total - failures.count) passed, \(failures.count) failed")
            if !failures.isEmpty { throw ExitCode.failure }
        }

        /// The `--rules` files alone; when they set no `default_field` (no field categories
        /// of their own), the same files over the built-in rules. A broken file reports its
        /// error (exit 2): the one of loading alone when the files do define field
        /// categories, else the one of loading over the built-in rules.
        private func ownRulesMasker() throws -> Masker {
            do {
                return try rules.loadMasker(includeBuiltin: false)
            } catch let alone {
                guard alone.isMissingDefaultField else {
                    Diagnostics.error(alone.description)
                    throw ExitCode(ExitStatus.usage)
                }
                return try rules.makeMasker(includeBuiltin: true)
            }
        }
    }
}
