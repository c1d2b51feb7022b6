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
                    output += "\(field.id)\(marker)\t\(field.detect.joined(separator: ","))\(whole)\t\(field.source)\n"
                }
            } else {
                for rule in ruleSet.rules {
                    let state = rule.enabled ? "" : " (disabled)"
                    output += "\(rule.id)\(state)\t\(rule.type)\tpriority \(rule.priority)\t\(rule.source)\t\(rule.description)\n"
                }
            }
            print(output, terminator: "")
        }
    }

    /// `piimask rules test`.
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every rule's examples; exit 1 if one fails.")

        @OptionGroup var rules: RuleOptions

        func run() throws {
            let masker = try rules.makeMasker()
            let failures = masker.testRuleExamples()
            for failure in failures { Diagnostics.write("FAIL \(failure)\n") }
            let total = masker.ruleExampleCount
            print("\(total - failures.count) passed, \(failures.count) failed")
            if !failures.isEmpty { throw ExitCode.failure }
        }
    }
}
