import Yams

/// Small in-place edits of YAML nodes that keep every other key, its order and its style.
extension Node {
    /// A plain scalar (`true`, `101`, `RuntimeDefault`).
    static func plain(_ text: String) -> Node { Node(text) }

    /// A quoted string scalar, for values that would otherwise read as numbers or booleans.
    static func quoted(_ text: String) -> Node { Node(text, Tag(.str), .doubleQuoted) }

    /// An Encodable value (a typed Kubernetes fragment) as a node, built directly by the tree encoder: a trip
    /// through Yams' YAMLEncoder and composer cost a tenth of `harden fix`'s time.
    static func encoded<T: Encodable>(_ value: T) throws -> Node {
        let root = YAMLNode()
        try value.encode(to: TreeEncoder(node: root, codingPath: []))
        return Node(root)
    }

    /// A tree encoder's node; strings that would read as something else are double-quoted, as the emitters write
    /// them.
    private init(_ tree: YAMLNode) {
        switch tree.kind {
        case .undecided, .map: self = Node(tree.pairs.map { (Node.plainOrQuoted($0.0), Node($0.1)) })
        case .list: self = Node(tree.items.map(Node.init))
        case .scalar(let text, let quoted): self = quoted ? .plainOrQuoted(text) : .plain(text)
        case .null: self = .plain("null")
        }
    }

    private static func plainOrQuoted(_ text: String) -> Node {
        YAMLScalar.isPlainSafe(text) ? .plain(text) : .quoted(text)
    }

    /// Edits the mapping under `key`, creating an empty one when it is missing or not a mapping.
    mutating func editMapping(_ key: String, _ body: (inout Node) throws -> Void) rethrows {
        var child = self[key] ?? Node([(Node, Node)]())
        if case .mapping = child {} else { child = Node([(Node, Node)]()) }
        try body(&child)
        self[key] = child
    }

    /// Edits the sequence under `key`, creating an empty one when it is missing.
    mutating func editSequence(_ key: String, _ body: (inout [Node]) throws -> Void) rethrows {
        var items = self[key]?.sequence.map(Array.init) ?? []
        try body(&items)
        if case .mapping(var mapping) = self {
            if items.isEmpty, let index = mapping.firstIndex(where: { $0.key.string == key }) {
                mapping.remove(at: index)
                self = .mapping(mapping)
                return
            }
        }
        if !items.isEmpty { self[key] = Node(items) }
    }

    /// Sets `key` to `value` and says whether anything changed.
    @discardableResult
    mutating func set(_ key: String, _ value: Node) -> Bool {
        if self[key] == value { return false }
        self[key] = value
        return true
    }
}

extension Node.Mapping {
    fileprivate mutating func remove(at index: Index) {
        var pairs = Array(self)
        pairs.remove(at: index)
        self = Node.Mapping(pairs.map { ($0.key, $0.value) }, tag, style, mark, anchor)
    }
}
