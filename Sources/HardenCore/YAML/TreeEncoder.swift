/// A node of the tree `BlockYAMLEncoder` builds. A reference type, so that nested containers can keep filling
/// the node they were handed.
final class YAMLNode {
    enum Kind {
        case undecided
        case map
        case list
        case scalar(String, quoted: Bool)
        case null
    }

    var kind: Kind = .undecided
    var pairs: [(String, YAMLNode)] = []
    var items: [YAMLNode] = []

    init(_ kind: Kind = .undecided) { self.kind = kind }

    func becomeMap() -> YAMLNode {
        if case .undecided = kind { kind = .map }
        return self
    }

    func becomeList() -> YAMLNode {
        if case .undecided = kind { kind = .list }
        return self
    }

    func child(_ key: String) -> YAMLNode {
        let node = YAMLNode()
        pairs.append((key, node))
        return node
    }

    func item() -> YAMLNode {
        let node = YAMLNode()
        items.append(node)
        return node
    }
}

/// The `Encoder` behind `BlockYAMLEncoder`: records values into `YAMLNode`s, keys in the order they are encoded.
struct TreeEncoder: Encoder {
    let node: YAMLNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer<Key>(node: node.becomeMap(), codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(node: node.becomeList(), codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(node: node, codingPath: codingPath)
    }

    static func scalar(_ value: Bool) -> YAMLNode.Kind { .scalar(value ? "true" : "false", quoted: false) }

    /// Every integer type and Float (not only Int and Double, which have their own requirements): without this the
    /// generic `encode` would hand the value back to itself and recurse forever.
    static func number<T>(_ value: T) -> YAMLNode.Kind? {
        if let integer = value as? any BinaryInteger { return .scalar(String(describing: integer), quoted: false) }
        if let float = value as? Float { return self.float(Double(float)) }
        if let double = value as? Double { return self.float(double) }
        return nil
    }

    /// YAML's spellings of infinity and not-a-number; `inf` or `nan` would read back as strings.
    static func float(_ value: Double) -> YAMLNode.Kind {
        if value.isNaN { return .scalar(".nan", quoted: false) }
        if value.isInfinite { return .scalar(value < 0 ? "-.inf" : ".inf", quoted: false) }
        return .scalar(String(value), quoted: false)
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: YAMLNode
        let codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws { node.child(key.stringValue).kind = .null }
        mutating func encode(_ value: Bool, forKey key: Key) throws {
            node.child(key.stringValue).kind = TreeEncoder.scalar(value)
        }
        mutating func encode(_ value: String, forKey key: Key) throws {
            node.child(key.stringValue).kind = .scalar(value, quoted: true)
        }
        mutating func encode(_ value: Int, forKey key: Key) throws {
            node.child(key.stringValue).kind = .scalar(String(value), quoted: false)
        }
        mutating func encode(_ value: Double, forKey key: Key) throws {
            node.child(key.stringValue).kind = TreeEncoder.float(value)
        }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            if let number = TreeEncoder.number(value) {
                node.child(key.stringValue).kind = number
                return
            }
            try value.encode(to: TreeEncoder(node: node.child(key.stringValue), codingPath: codingPath + [key]))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        {
            KeyedEncodingContainer(
                KeyedContainer<NestedKey>(node: node.child(key.stringValue).becomeMap(), codingPath: codingPath + [key])
            )
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            UnkeyedContainer(node: node.child(key.stringValue).becomeList(), codingPath: codingPath + [key])
        }

        mutating func superEncoder() -> any Encoder { TreeEncoder(node: node.child("super"), codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            TreeEncoder(node: node.child(key.stringValue), codingPath: codingPath)
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let node: YAMLNode
        let codingPath: [any CodingKey]
        var count: Int { node.items.count }

        mutating func encodeNil() throws { node.item().kind = .null }
        mutating func encode(_ value: Bool) throws { node.item().kind = TreeEncoder.scalar(value) }
        mutating func encode(_ value: String) throws { node.item().kind = .scalar(value, quoted: true) }
        mutating func encode(_ value: Int) throws { node.item().kind = .scalar(String(value), quoted: false) }
        mutating func encode(_ value: Double) throws { node.item().kind = TreeEncoder.float(value) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            if let number = TreeEncoder.number(value) {
                node.item().kind = number
                return
            }
            try value.encode(to: TreeEncoder(node: node.item(), codingPath: codingPath))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
            NestedKey
        > {
            KeyedEncodingContainer(KeyedContainer<NestedKey>(node: node.item().becomeMap(), codingPath: codingPath))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            UnkeyedContainer(node: node.item().becomeList(), codingPath: codingPath)
        }

        mutating func superEncoder() -> any Encoder { TreeEncoder(node: node.item(), codingPath: codingPath) }
    }

    struct SingleValueContainer: SingleValueEncodingContainer {
        let node: YAMLNode
        let codingPath: [any CodingKey]

        mutating func encodeNil() throws { node.kind = .null }
        mutating func encode(_ value: Bool) throws { node.kind = TreeEncoder.scalar(value) }
        mutating func encode(_ value: String) throws { node.kind = .scalar(value, quoted: true) }
        mutating func encode(_ value: Int) throws { node.kind = .scalar(String(value), quoted: false) }
        mutating func encode(_ value: Double) throws { node.kind = TreeEncoder.float(value) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            if let number = TreeEncoder.number(value) {
                node.kind = number
                return
            }
            try value.encode(to: TreeEncoder(node: node, codingPath: codingPath))
        }
    }
}
