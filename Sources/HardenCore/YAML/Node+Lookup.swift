import Yams

/// Key lookups that compare key text directly. Yams' own `node["key"]` builds a node and compares tags, which
/// runs its regular-expression resolver on every key: most of an audit's time before this existed.
extension Node {
    /// The value under `key` in a mapping.
    public func value(_ key: String) -> Node? {
        guard case .mapping(let mapping) = self else { return nil }
        for (candidate, value) in mapping where candidate.scalar?.string == key { return value }
        return nil
    }

    /// The node at a key path, `["spec", "template", "spec"]`.
    public func value(at path: [String]) -> Node? {
        var node: Node? = self
        for key in path { node = node?.value(key) }
        return node
    }

    /// Whether this is an explicit or implicit null (`~`, `null`, or nothing).
    var isNull: Bool {
        guard case .scalar(let scalar) = self else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}
