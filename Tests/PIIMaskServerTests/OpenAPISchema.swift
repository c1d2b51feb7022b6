import Foundation
import Testing
import Yams

/// `docs/openapi.yaml`, and a check of JSON values against its schemas.
///
/// Supports the schema keywords the file uses — `$ref`, `type`, `properties`, `required`,
/// `additionalProperties: false`, `items`, `enum`, `nullable` — and reports any other
/// keyword as a problem, so the spec cannot use one that goes unchecked.
struct OpenAPISchema {
    let document: [String: Any]

    init() throws {
        let url = CLIPaths.packageRoot.appendingPathComponent("docs/openapi.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        document = try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    /// The paths and methods the spec documents.
    var operations: [(path: String, method: String)] {
        let paths = document["paths"] as? [String: Any] ?? [:]
        return paths.flatMap { path, item in
            (item as? [String: Any] ?? [:]).keys.map { (path, $0) }
        }
    }

    /// The response object for `path`, `method` and `status`, or nil when undocumented.
    func response(path: String, method: String, status: Int) -> [String: Any]? {
        guard let paths = document["paths"] as? [String: Any],
              let item = paths[path] as? [String: Any],
              let operation = item[method.lowercased()] as? [String: Any],
              let responses = operation["responses"] as? [String: Any],
              let response = responses["\(status)"] as? [String: Any] else { return nil }
        return resolve(response)
    }

    /// Problems of a response against the spec (empty: it matches).
    func problems(path: String, method: String, status: Int, contentType: String?, body: Data) -> [String] {
        guard let response = response(path: path, method: method, status: status) else {
            return ["\(method) \(path) \(status) is not documented"]
        }
        guard let content = response["content"] as? [String: Any] else {
            return body.isEmpty ? [] : ["\(method) \(path) \(status): body where none is documented"]
        }
        let mediaType = (contentType ?? "").split(separator: ";").first.map(String.init) ?? ""
        guard let media = content[mediaType] as? [String: Any] else {
            return ["\(method) \(path) \(status): content type \(mediaType) not documented"]
        }
        let schema = media["schema"] as? [String: Any] ?? [:]
        if mediaType != "application/json" {
            return validate(.string(String(decoding: body, as: UTF8.self)), against: schema, at: "body")
        }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: body) else {
            return ["\(method) \(path) \(status): body is not JSON"]
        }
        return validate(value, against: schema, at: "body")
    }

    private func resolve(_ object: [String: Any]) -> [String: Any] {
        guard let reference = object["$ref"] as? String, reference.hasPrefix("#/") else { return object }
        var node: Any = document
        for key in reference.dropFirst(2).split(separator: "/") {
            node = (node as? [String: Any])?[String(key)] ?? [:]
        }
        return resolve(node as? [String: Any] ?? [:])
    }

    /// Checks `value` against `schema`.
    func validate(_ value: JSONValue, against schema: [String: Any], at location: String) -> [String] {
        let schema = resolve(schema)
        let known: Set = ["type", "properties", "required", "additionalProperties", "items", "enum", "nullable", "description"]
        var problems = schema.keys.filter { !known.contains($0) }.map { "\(location): unsupported schema keyword \($0)" }
        if case .null = value {
            return (schema["nullable"] as? Bool == true) ? problems : problems + ["\(location): null"]
        }
        switch (schema["type"] as? String, value) {
        case ("object", .object(let object)):
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                problems.append("\(location): missing \(key)")
            }
            for (key, member) in object {
                if let property = properties[key] as? [String: Any] {
                    problems += validate(member, against: property, at: "\(location).\(key)")
                } else if schema["additionalProperties"] as? Bool == false {
                    problems.append("\(location): unexpected \(key)")
                }
            }
        case ("array", .array(let array)):
            let items = schema["items"] as? [String: Any] ?? [:]
            for (index, element) in array.enumerated() {
                problems += validate(element, against: items, at: "\(location)[\(index)]")
            }
        case ("string", .string(let string)):
            if let allowed = schema["enum"] as? [String], !allowed.contains(string) {
                problems.append("\(location): \(string) not in \(allowed)")
            }
        case ("integer", .integer), ("boolean", .bool):
            break
        case (let type, _):
            problems.append("\(location): \(value) is not of type \(type ?? "(none)")")
        }
        return problems
    }
}

/// A decoded JSON value that keeps integers, booleans and nulls apart.
enum JSONValue: Decodable, CustomStringConvertible {
    case null, bool(Bool), integer(Int), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .integer(let value): "\(value)"
        case .number(let value): "\(value)"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
