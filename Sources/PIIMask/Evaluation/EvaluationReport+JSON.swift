/// The machine-readable form of a report (what `piimask eval --json` prints), with
/// snake_case keys; undefined ratios are `null`:
///
/// ```json
/// {"field":"message.text","records":2,
///  "types":{"phone":{"spans":2,"caught":1,"missed":1,"false_positives":0,
///                    "precision":1,"recall":0.5,"f1":0.6666666666666666}},
///  "overall":{…same keys…},
///  "type_confusions":{"spans":0,"pairs":[{"labeled":"phone","found":"card","spans":1}]},
///  "false_positives_by_rule":{"phone.bare":1},
///  "negatives":{"order":{"total":1,"survived":1,"masked":0,"hits_by_rule":{}}},
///  "families":[{"family":"card.dots","type":"card","spans":3,"caught":2,"missed":1,
///               "recall":0.6666666666666666}],
///  "lookalike_families":{"card.lookalike-luhn-invalid":{…same keys as negatives…}}}
/// ```
///
/// `families` is sorted by family, then type; spans without a family are under `unlabeled`.
extension EvaluationReport: Encodable {
    enum CodingKeys: String, CodingKey {
        case field, records, types, overall
        case typeConfusions = "type_confusions"
        case falsePositivesByRule = "false_positives_by_rule"
        case negatives, families
        case lookalikeFamilies = "lookalike_families"
    }

    /// Encodes the report in the form above.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        try container.encode(records, forKey: .records)
        try container.encode(scores, forKey: .types)
        try container.encode(overall, forKey: .overall)
        let pairs = typeConfusions.keys.sorted().map {
            ConfusionPair(labeled: $0.labeled, found: $0.found, spans: typeConfusions[$0] ?? 0)
        }
        try container.encode(Confusions(spans: confusedSpans, pairs: pairs), forKey: .typeConfusions)
        try container.encode(falsePositivesByRule, forKey: .falsePositivesByRule)
        try container.encode(negatives, forKey: .negatives)
        try container.encode(familyKeys.map { FamilyRow(key: $0, score: families[$0] ?? FamilyScore()) },
                             forKey: .families)
        try container.encode(lookalikeFamilies, forKey: .lookalikeFamilies)
    }

    /// One entry of `families`.
    private struct FamilyRow: Encodable {
        let key: FamilyKey
        let score: FamilyScore

        enum CodingKeys: String, CodingKey {
            case family, type, spans, caught, missed, recall
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(key.family, forKey: .family)
            try container.encode(key.type, forKey: .type)
            try container.encode(score.spans, forKey: .spans)
            try container.encode(score.caught, forKey: .caught)
            try container.encode(score.missed, forKey: .missed)
            try container.encode(score.recall, forKey: .recall)
        }
    }

    /// `type_confusions`.
    private struct Confusions: Encodable {
        let spans: Int
        let pairs: [ConfusionPair]
    }

    /// One entry of `type_confusions.pairs`.
    private struct ConfusionPair: Encodable {
        let labeled: String
        let found: String
        let spans: Int
    }
}

extension EvaluationScore: Encodable {
    enum CodingKeys: String, CodingKey {
        case spans, caught, missed
        case falsePositives = "false_positives"
        case precision, recall, f1
    }

    /// `{"spans","caught","missed","false_positives","precision","recall","f1"}`, undefined
    /// ratios as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(spans, forKey: .spans)
        try container.encode(caught, forKey: .caught)
        try container.encode(missed, forKey: .missed)
        try container.encode(falsePositives, forKey: .falsePositives)
        try container.encode(precision, forKey: .precision)
        try container.encode(recall, forKey: .recall)
        try container.encode(f1, forKey: .f1)
    }
}

extension NegativeScore: Encodable {
    enum CodingKeys: String, CodingKey {
        case total, survived, masked
        case hitsByRule = "hits_by_rule"
    }

    /// `{"total","survived","masked","hits_by_rule"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(total, forKey: .total)
        try container.encode(survived, forKey: .survived)
        try container.encode(masked, forKey: .masked)
        try container.encode(hitsByRule, forKey: .hitsByRule)
    }
}
