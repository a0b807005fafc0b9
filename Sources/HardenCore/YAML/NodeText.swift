import Yams

/// Writes YAML nodes as text fragments to splice into an existing file: block lines for block context, one-line
/// JSON for flow context (so a JSON manifest stays JSON).
enum NodeText {
    /// Block lines starting at column 0; `sequenceIndent` is how far a list sits under its key (0 or 2), taken
    /// from the file being edited.
    static func blockLines(_ node: Node, sequenceIndent: Int) -> [String] {
        if isFlow(node) { return [flow(node, json: false)] }
        switch node {
        case .mapping(let mapping) where !mapping.isEmpty:
            return mapping.flatMap { key, value -> [String] in
                let head = scalar(key) + ":"
                switch value {
                case _ where isFlow(value):
                    return [head + " " + flow(value, json: false)]
                case .mapping(let nested) where !nested.isEmpty:
                    return [head] + indented(blockLines(value, sequenceIndent: sequenceIndent), by: 2)
                case .sequence(let nested) where !nested.isEmpty:
                    return [head] + indented(blockLines(value, sequenceIndent: sequenceIndent), by: sequenceIndent)
                default:
                    return [head + " " + inline(value)]
                }
            }
        case .sequence(let sequence) where !sequence.isEmpty:
            return sequence.flatMap { element in item(blockLines(element, sequenceIndent: sequenceIndent)) }
        default:
            return [inline(node)]
        }
    }

    /// A collection written in flow style (`[a, b]`) stays on one line.
    private static func isFlow(_ node: Node) -> Bool {
        switch node {
        case .mapping(let mapping): mapping.style == .flow
        case .sequence(let sequence): sequence.style == .flow
        case .scalar, .alias: false
        }
    }

    /// Lines of one block list item: the dash on the first line, the rest under its content.
    static func item(_ lines: [String]) -> [String] {
        guard let first = lines.first else { return ["-"] }
        return ["- " + first] + indented(Array(lines.dropFirst()), by: 2)
    }

    static func indented(_ lines: [String], by width: Int) -> [String] {
        let padding = String(repeating: " ", count: width)
        return lines.map { $0.isEmpty ? $0 : padding + $0 }
    }

    /// A one-line flow rendering: JSON for a JSON file, else YAML flow with plain scalars where they read the same.
    static func flow(_ node: Node, json: Bool) -> String {
        switch node {
        case .mapping(let mapping):
            "{" + mapping.map { "\(flow($0.key, json: json)): \(flow($0.value, json: json))" }.joined(separator: ", ")
                + "}"
        case .sequence(let sequence):
            "[" + sequence.map { flow($0, json: json) }.joined(separator: ", ") + "]"
        case .scalar(let scalar):
            json || !isFlowSafePlain(scalar) ? self.json(node) : scalar.string
        case .alias:
            self.json(node)
        }
    }

    /// A plain scalar that reads back as itself inside a flow collection (names, numbers, booleans).
    private static func isFlowSafePlain(_ scalar: Node.Scalar) -> Bool {
        guard scalar.style == .plain || scalar.style == .any, let first = scalar.string.unicodeScalars.first else {
            return false
        }
        let allowed = { (character: Unicode.Scalar) in
            character.properties.isAlphabetic || ("0"..."9").contains(character)
                || "._/-".unicodeScalars.contains(character)
        }
        return allowed(first) && first != "-" && scalar.string.unicodeScalars.allSatisfy(allowed)
    }

    /// Pretty JSON as `JSONEncoder` writes it with `.prettyPrinted`, its continuation lines indented from
    /// `column` in steps of `unit`: for entries added to a multi-line flow collection (a JSON manifest).
    static func prettyFlow(_ node: Node, column: Int, unit: Int) -> String {
        let inner = String(repeating: " ", count: column + unit)
        let closing = String(repeating: " ", count: column)
        switch node {
        case .mapping(let mapping) where !mapping.isEmpty:
            let entries = mapping.map {
                inner + json($0.key) + ": " + prettyFlow($0.value, column: column + unit, unit: unit)
            }
            return "{\n" + entries.joined(separator: ",\n") + "\n" + closing + "}"
        case .sequence(let sequence) where !sequence.isEmpty:
            let items = sequence.map { inner + prettyFlow($0, column: column + unit, unit: unit) }
            return "[\n" + items.joined(separator: ",\n") + "\n" + closing + "]"
        default:
            return flow(node, json: true)
        }
    }

    /// A scalar for block context: plain where it was plain (harden writes numbers and booleans plain), else quoted.
    static func scalar(_ node: Node) -> String {
        guard case .scalar(let scalar) = node else { return flow(node, json: false) }
        return scalar.style == .plain || scalar.style == .any ? scalar.string : YAMLScalar.doubleQuoted(scalar.string)
    }

    private static func inline(_ node: Node) -> String {
        switch node {
        case .mapping: "{}"
        case .sequence: "[]"
        case .scalar, .alias: scalar(node)
        }
    }

    static func json(_ node: Node) -> String {
        guard case .scalar(let scalar) = node else { return "null" }
        let text = scalar.string
        if scalar.style == .plain || scalar.style == .any, isJSONLiteral(text) { return text }
        return YAMLScalar.doubleQuoted(text)
    }

    private static func isJSONLiteral(_ text: String) -> Bool {
        if ["true", "false", "null"].contains(text) { return true }
        return Double(text) != nil && text.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }
            && text.first != "+" && text.first != "."
    }
}
