/// `metadata` of a Kubernetes object.
public struct ObjectMeta: Codable, Sendable, Equatable {
    public var name: String?
    public var namespace: String?
    public var labels: OrderedStringMap?
    public var annotations: OrderedStringMap?

    public init(
        name: String? = nil, namespace: String? = nil, labels: OrderedStringMap? = nil,
        annotations: OrderedStringMap? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
    }
}

/// A string map that encodes its keys in insertion order (a Swift Dictionary would not: see stack-notes).
public struct OrderedStringMap: Codable, Sendable, Equatable {
    public var pairs: [(key: String, value: String)]

    public init(_ pairs: [(key: String, value: String)]) {
        self.pairs = pairs
    }

    public static func == (lhs: OrderedStringMap, rhs: OrderedStringMap) -> Bool {
        lhs.pairs.map(\.key) == rhs.pairs.map(\.key) && lhs.pairs.map(\.value) == rhs.pairs.map(\.value)
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        pairs = try container.allKeys.map { ($0.stringValue, try container.decode(String.self, forKey: $0)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for pair in pairs { try container.encode(pair.value, forKey: Key(stringValue: pair.key)) }
    }
}
