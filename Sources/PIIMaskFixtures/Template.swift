/// A place in a message template that the generator fills with a generated value.
enum Slot: Sendable, Equatable {
    /// A labeled personal-data value of the given type.
    case pii(PIIType)
    /// A labeled look-alike of the given kind.
    case negative(NegativeKind)
    /// A first name (unlabeled: a name alone is not one of the masked types).
    case name
}

/// A message phrase with slots, written as text with `{slot}` markers, for example
/// `"Bel me terug op {phone}, na {time}."`. A slot name is a `PIIType` raw value, a
/// `NegativeKind` raw value, or `name`. Templates are parsed once, when first used.
struct Template: Sendable {
    /// One piece of a parsed template.
    enum Part: Sendable, Equatable {
        /// Text copied as it is.
        case literal(String)
        /// A value to generate.
        case slot(Slot)
    }

    /// The pieces in order.
    let parts: [Part]

    /// Parses `source`; an unknown slot name or an unclosed brace is a programming error.
    init(_ source: String) {
        var parts: [Part] = []
        var rest = Substring(source)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex {
                parts.append(.literal(String(rest[rest.startIndex..<open])))
            }
            guard let close = rest[open...].firstIndex(of: "}") else {
                preconditionFailure("unclosed slot in template: \(source)")
            }
            let name = String(rest[rest.index(after: open)..<close])
            parts.append(.slot(Template.slot(named: name, in: source)))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty {
            parts.append(.literal(String(rest)))
        }
        self.parts = parts
    }

    private static func slot(named name: String, in source: String) -> Slot {
        if name == "name" { return .name }
        if let type = PIIType(rawValue: name) { return .pii(type) }
        if let kind = NegativeKind(rawValue: name) { return .negative(kind) }
        preconditionFailure("unknown slot {\(name)} in template: \(source)")
    }
}
