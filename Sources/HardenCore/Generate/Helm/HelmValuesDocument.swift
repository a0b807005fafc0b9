/// A Helm values file nested as one chart reads it, with the explanation of each setting kept beside it: written
/// as YAML, every explanation is a comment above its key; as JSON (which has no comments) the values alone.
public struct HelmValuesDocument: Encodable, Sendable {
    /// A key's value: a map of further keys, or a value encoded as it is.
    enum Node: Sendable {
        case map([Entry])
        case value(any Encodable & Sendable)
    }

    struct Entry: Sendable {
        var key: String
        var comment: [String]
        var node: Node
    }

    /// Comment lines at the top of the file.
    var header: [String] = []
    private(set) var entries: [Entry] = []

    /// Sets `value` at the dotted `path` (`primary.containerSecurityContext`), creating the maps above it, with
    /// `comment` written above its key.
    mutating func set(_ path: String, _ value: any Encodable & Sendable, comment: [String] = []) {
        Self.set(path.split(separator: ".").map(String.init), value, comment: comment, in: &entries)
    }

    private static func set(
        _ keys: [String], _ value: any Encodable & Sendable, comment: [String], in entries: inout [Entry]
    ) {
        guard let key = keys.first else { return }
        guard keys.count > 1 else {
            entries.append(Entry(key: key, comment: comment, node: .value(value)))
            return
        }
        let rest = Array(keys.dropFirst())
        if let index = entries.firstIndex(where: { $0.key == key }), case .map(var children) = entries[index].node {
            set(rest, value, comment: comment, in: &children)
            entries[index].node = .map(children)
        } else {
            var children: [Entry] = []
            set(rest, value, comment: comment, in: &children)
            entries.append(Entry(key: key, comment: [], node: .map(children)))
        }
    }

    /// The dotted path of every value set, in order: what a chart's key structure must hold.
    public var paths: [String] {
        func walk(_ entries: [Entry], _ prefix: String) -> [String] {
            entries.flatMap { entry -> [String] in
                let path = prefix.isEmpty ? entry.key : "\(prefix).\(entry.key)"
                switch entry.node {
                case .map(let children): return walk(children, path)
                case .value: return [path]
                }
            }
        }
        return walk(entries, "")
    }

    public func encode(to encoder: any Encoder) throws {
        try Self.encode(entries, to: encoder)
    }

    private static func encode(_ entries: [Entry], to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for entry in entries {
            switch entry.node {
            case .map(let children):
                try encode(children, to: container.superEncoder(forKey: Key(entry.key)))
            case .value(let value):
                try value.encode(to: container.superEncoder(forKey: Key(entry.key)))
            }
        }
    }

    /// The document as block YAML, each comment line above the key it explains.
    public func yaml() throws -> String {
        var output = header.map { "# \($0)\n" }.joined()
        try Self.emit(entries, indent: 0, into: &output)
        return output
    }

    private static func emit(_ entries: [Entry], indent: Int, into output: inout String) throws {
        let padding = String(repeating: " ", count: indent)
        for entry in entries {
            // A reason taken from seed data may hold a line break: every line stays a comment.
            for line in entry.comment.flatMap({ $0.split(separator: "\n", omittingEmptySubsequences: false) }) {
                output += "\(padding)# \(line)\n"
            }
            switch entry.node {
            case .map(let children):
                output += "\(padding)\(YAMLScalar.render(entry.key)):\n"
                try emit(children, indent: indent + 2, into: &output)
            case .value(let value):
                let lines = try BlockYAMLEncoder().encode(Single(key: entry.key, value: value))
                output += lines.split(separator: "\n").map { "\(padding)\($0)\n" }.joined()
            }
        }
    }

    /// One key and its value, so that the encoder writes the value in the form its key needs.
    private struct Single: Encodable {
        let key: String
        let value: any Encodable

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try value.encode(to: container.superEncoder(forKey: Key(key)))
        }
    }

    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }

        init(_ string: String) { stringValue = string }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
