import Foundation
import Yams

/// Reads typed fields out of a YAML mapping, recording a located issue for every missing, mistyped or unknown
/// key instead of stopping at the first.
final class SeedFieldReader {
    let file: String
    private(set) var issues: [SeedIssue] = []
    private(set) var lines: [String: Int] = [:]

    init(file: String) {
        self.file = file
    }

    func error(_ field: String, _ message: String, at node: Node? = nil) {
        issues.append(
            SeedIssue(.error, file: file, line: node?.mark?.line ?? lines[field], field: field, message: message))
    }

    func remember(_ field: String, _ node: Node) {
        if let line = node.mark?.line { lines[field] = line }
    }

    /// A mapping's fields, checked against the keys it may have.
    func fields(_ node: Node, at field: String, allowed: [String]) -> Fields? {
        remember(field, node)
        guard case .mapping(let mapping) = node else {
            error(field, "expected a mapping of \(allowed.joined(separator: ", "))", at: node)
            return nil
        }
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else {
                error(field, "keys must be plain strings", at: keyNode)
                continue
            }
            let path = field.isEmpty ? key : "\(field).\(key)"
            guard allowed.contains(key) else {
                let hint = Spelling.closest(to: key, among: allowed).map { "; did you mean \"\($0)\"?" } ?? ""
                error(path, "unknown key \"\(key)\"\(hint)", at: keyNode)
                continue
            }
            remember(path, value)
            values[key] = value
        }
        return Fields(reader: self, field: field, node: node, values: values)
    }

    /// The typed fields of one mapping.
    struct Fields {
        static let placeholderMessage =
            "still has a \(SeedScaffold.placeholder) placeholder from `harden entries new`; fill it in"

        /// Whether `text` still holds the placeholder of a scaffold (a byte scan: Foundation's search was a fifth of
        /// a build).
        static func hasPlaceholder(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            let marker = Array(SeedScaffold.placeholder.utf8)
            guard bytes.count >= marker.count else { return false }
            return (0...(bytes.count - marker.count)).contains { bytes[$0..<($0 + marker.count)].elementsEqual(marker) }
        }

        /// `text` without leading and trailing white space and newlines.
        static func trimmed(_ text: String) -> String {
            let scalars = text.unicodeScalars
            guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
                let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
            else { return "" }
            return String(scalars[first...last])
        }

        let reader: SeedFieldReader
        let field: String
        let node: Node
        let values: [String: Node]

        func path(_ key: String) -> String { field.isEmpty ? key : "\(field).\(key)" }

        private func present(_ key: String) -> Node? {
            guard let node = values[key], !node.isNull else { return nil }
            return node
        }

        func string(_ key: String, required: Bool = false) -> String? {
            guard let node = present(key) else {
                if required { reader.error(path(key), "required", at: values[key] ?? self.node) }
                return nil
            }
            guard case .scalar(let scalar) = node else {
                reader.error(path(key), "expected a string", at: node)
                return nil
            }
            let text = Self.trimmed(scalar.string)
            if Self.hasPlaceholder(text) {
                reader.error(path(key), Self.placeholderMessage, at: node)
                return nil
            }
            if required && text.isEmpty {
                reader.error(path(key), "must not be empty", at: node)
                return nil
            }
            return text.isEmpty ? nil : text
        }

        func int(_ key: String, required: Bool = false) -> Int? {
            guard let node = present(key) else {
                if required { reader.error(path(key), "required", at: values[key] ?? self.node) }
                return nil
            }
            guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
                let placeholder =
                    if case .scalar(let scalar) = node { Self.hasPlaceholder(scalar.string) } else { false }
                reader.error(path(key), placeholder ? Self.placeholderMessage : "expected a whole number", at: node)
                return nil
            }
            return value
        }

        func bool(_ key: String) -> Bool? {
            guard let node = present(key) else { return nil }
            guard case .scalar(let scalar) = node, ["true", "false"].contains(scalar.string) else {
                reader.error(path(key), "expected true or false", at: node)
                return nil
            }
            return scalar.string == "true"
        }

        /// A list's items with their field paths (`variants[2]`).
        func list(_ key: String, required: Bool = false) -> [(node: Node, field: String)] {
            guard let node = present(key) else {
                if required { reader.error(path(key), "required", at: values[key] ?? self.node) }
                return []
            }
            guard case .sequence(let sequence) = node else {
                reader.error(path(key), "expected a list", at: node)
                return []
            }
            return sequence.enumerated().map { index, item in
                let itemPath = "\(path(key))[\(index)]"
                reader.remember(itemPath, item)
                return (item, itemPath)
            }
        }

        func strings(_ key: String, required: Bool = false) -> [String] {
            list(key, required: required).compactMap { item in
                guard case .scalar(let scalar) = item.node, !scalar.string.isEmpty else {
                    reader.error(item.field, "expected a non-empty string", at: item.node)
                    return nil
                }
                if Self.hasPlaceholder(scalar.string) {
                    reader.error(
                        item.field, Self.placeholderMessage, at: item.node)
                    return nil
                }
                return scalar.string
            }
        }

        func mapping(_ key: String, allowed: [String]) -> Fields? {
            guard let node = present(key) else { return nil }
            return reader.fields(node, at: path(key), allowed: allowed)
        }

        /// A closed set of values, such as `directory` or `file`.
        func choice<T: RawRepresentable & CaseIterable>(_ key: String, as type: T.Type) -> T?
        where T.RawValue == String {
            guard let text = string(key) else { return nil }
            guard let value = T(rawValue: text) else {
                let options = T.allCases.map(\.rawValue).joined(separator: ", ")
                reader.error(path(key), "\"\(text)\" is not one of \(options)", at: values[key])
                return nil
            }
            return value
        }
    }
}
