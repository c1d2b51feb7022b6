import PIIMask
import PIIMaskService

/// `GET /v1/rules` response: the rules, field categories and field map in effect.
struct RulesResponse: Encodable, Sendable {
    struct Rule: Encodable, Sendable {
        let id: String
        let type: String
        let description: String
        let priority: Int
        let enabled: Bool
        let source: String
        /// The PCRE2 pattern, as the rule file writes it.
        let pattern: String
        /// The rule's own test cases, as the rule file writes them.
        let examples: Examples
    }
    struct Examples: Encodable, Sendable {
        struct Masked: Encodable, Sendable {
            let input: String
            let output: String
        }
        let match: [String]
        let noMatch: [String]
        let masked: [Masked]

        init(_ examples: RuleExamples) {
            match = examples.match
            noMatch = examples.noMatch
            masked = examples.masked.map { Masked(input: $0.input, output: $0.output) }
        }

        enum CodingKeys: String, CodingKey {
            case match, masked
            case noMatch = "no_match"
        }
    }
    struct Field: Encodable, Sendable {
        let id: String
        let description: String
        let detect: [String]
        let wholeValue: Bool
        let source: String

        enum CodingKeys: String, CodingKey {
            case id, description, detect, source
            case wholeValue = "whole_value"
        }
    }
    struct FieldMapEntry: Encodable, Sendable {
        let path: String
        let field: String
    }
    struct Reloads: Encodable, Sendable {
        let succeeded: Int
        let failed: Int
        let lastError: String?

        enum CodingKeys: String, CodingKey {
            case succeeded, failed
            case lastError = "last_error"
        }
    }

    let rules: [Rule]
    let fields: [Field]
    let defaultField: String
    let fieldMap: [FieldMapEntry]
    let reloads: Reloads

    enum CodingKeys: String, CodingKey {
        case rules, fields, reloads
        case defaultField = "default_field"
        case fieldMap = "field_map"
    }

    init(_ ruleSet: RuleSet, reloads: ReloadStatus) {
        rules = ruleSet.rules.map {
            Rule(id: $0.id, type: $0.type, description: $0.description, priority: $0.priority,
                 enabled: $0.enabled, source: $0.source.description, pattern: $0.pattern,
                 examples: Examples($0.examples))
        }
        fields = ruleSet.fields.map {
            Field(id: $0.id, description: $0.description, detect: $0.detect, wholeValue: $0.wholeValue,
                  source: $0.source.description)
        }
        defaultField = ruleSet.defaultField
        fieldMap = ruleSet.fieldMap.map { FieldMapEntry(path: $0.path, field: $0.field) }
        self.reloads = Reloads(succeeded: reloads.succeeded, failed: reloads.failed, lastError: reloads.lastError)
    }
}

/// `POST /v1/admin/reload` response when the new rules are in effect.
struct ReloadResponse: Encodable, Sendable {
    let status = "reloaded"
    let rules: Int
    let fields: Int
}

/// Health responses.
struct HealthResponse: Encodable, Sendable {
    let status: String
}
