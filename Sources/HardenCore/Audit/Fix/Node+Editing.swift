import Yams

/// Small in-place edits of YAML nodes that keep every other key, its order and its style. Keys are found by their
/// text (Yams' `node["key"]` builds a node and compares resolved tags, with regular expressions, for every key) and
/// nodes are built with `Constructor.shared` (Yams' default makes a new one, with its tables, for every tag):
/// together they were a tenth of `harden fix`.
extension Node {
    private static func tag(_ name: Tag.Name) -> Tag { Tag(name, .default, .shared) }

    /// A plain scalar (`true`, `101`, `RuntimeDefault`).
    static func plain(_ text: String) -> Node { Node(text, tag(.implicit), .any) }

    /// A quoted string scalar, for values that would otherwise read as numbers or booleans.
    static func quoted(_ text: String) -> Node { Node(text, tag(.str), .doubleQuoted) }

    static func mapping(_ pairs: [(Node, Node)]) -> Node { Node(pairs, tag(.implicit), .any) }

    static func sequence(_ items: [Node]) -> Node { Node(items, tag(.implicit), .any) }

    /// The value under `key` in a mapping, found by the key's text; setting a value replaces it in place or adds
    /// the key at the end, setting nil removes the key.
    subscript(key key: String) -> Node? {
        get { value(key) }
        set {
            guard case .mapping(var mapping) = self else { return }
            switch (mapping.index(ofKey: key), newValue) {
            case (let index?, let value?): mapping[index] = (mapping[index].key, value)
            case (let index?, nil): mapping.remove(at: index)
            case (nil, let value?): mapping.append(.plain(key), value)
            case (nil, nil): return
            }
            self = .mapping(mapping)
        }
    }

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
        case .undecided, .map: self = .mapping(tree.pairs.map { (Node.plainOrQuoted($0.0), Node($0.1)) })
        case .list: self = .sequence(tree.items.map(Node.init))
        case .scalar(let text, let quoted): self = quoted ? .plainOrQuoted(text) : .plain(text)
        case .null: self = .plain("null")
        }
    }

    private static func plainOrQuoted(_ text: String) -> Node {
        YAMLScalar.isPlainSafe(text) ? .plain(text) : .quoted(text)
    }

    /// Edits the mapping under `key`, creating an empty one when it is missing or not a mapping.
    mutating func editMapping(_ key: String, _ body: (inout Node) throws -> Void) rethrows {
        var child = self[key: key] ?? .mapping([])
        if case .mapping = child {} else { child = .mapping([]) }
        try body(&child)
        self[key: key] = child
    }

    /// Edits the sequence under `key`, creating an empty one when it is missing.
    mutating func editSequence(_ key: String, _ body: (inout [Node]) throws -> Void) rethrows {
        var items = self[key: key]?.sequence.map(Array.init) ?? []
        try body(&items)
        if items.isEmpty {
            if self[key: key] != nil { self[key: key] = nil }
        } else {
            self[key: key] = .sequence(items)
        }
    }

    /// Sets `key` to `value` and says whether anything changed (the same content, as `SourceEditor` compares it,
    /// is no change).
    @discardableResult
    mutating func set(_ key: String, _ value: Node) -> Bool {
        if let existing = self[key: key], SourceEditor.sameContent(existing, value) { return false }
        self[key: key] = value
        return true
    }
}

extension Node.Mapping {
    fileprivate mutating func remove(at index: Index) {
        var pairs = indices.map { (self[$0].key, self[$0].value) }
        pairs.remove(at: index)
        self = Node.Mapping(pairs, tag, style, mark, anchor)
    }

    fileprivate mutating func append(_ key: Node, _ value: Node) {
        self = Node.Mapping(indices.map { (self[$0].key, self[$0].value) } + [(key, value)], tag, style, mark, anchor)
    }
}
