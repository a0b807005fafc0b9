import Yams

/// Key lookups that compare key text directly. Yams' own `node["key"]` builds a node and compares tags, which
/// runs its regular-expression resolver on every key: most of an audit's time before this existed.
extension Node {
    /// The value under `key` in a mapping.
    public func value(_ key: String) -> Node? {
        guard case .mapping(let mapping) = self, let index = mapping.index(ofKey: key) else { return nil }
        return mapping[index].value
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

extension Node.Mapping {
    /// Where the scalar key `key` is, by its text. By index: Yams' mapping iterator copies every pair into a new
    /// array first, on every lookup.
    func index(ofKey key: String) -> Int? {
        indices.first { index in
            if case .scalar(let candidate) = self[index].key { candidate.string == key } else { false }
        }
    }
}
