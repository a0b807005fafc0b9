import Yams

/// Why untrusted YAML was refused or could not be read.
public enum YAMLProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case tooLarge(bytes: Int, limit: Int)
    case tooDeep(limit: Int)
    case tooManyNodes(limit: Int)
    case invalidMerge(line: Int?)
    case syntax(line: Int?, message: String)

    public var description: String {
        switch self {
        case .tooLarge(let bytes, let limit): "file is \(bytes) bytes, over the \(limit)-byte limit"
        case .tooDeep(let limit): "nesting deeper than \(limit) levels"
        case .tooManyNodes(let limit):
            "expands to more than \(limit) nodes (an alias bomb or an oversized document)"
        case .invalidMerge(let line):
            "\(line.map { "line \($0): " } ?? "")a merge key (<<) needs a mapping or a list of mappings as its value"
        case .syntax(let line, let message):
            line.map { "line \($0): \(message)" } ?? message
        }
    }
}

/// Parses untrusted YAML into `Node`s within `YAMLLimits`.
public enum SafeYAML {
    /// Composes every document of `text`, refusing input over the size, depth or node budget.
    ///
    /// `resolver` decides the implicit tags of plain scalars. Readers that only read values (`Node.string`,
    /// `.int`, `.bool`, decoding) can pass `.basic`, which skips Yams' per-scalar regular expressions and
    /// composes about twice as fast; anything re-emitted keeps `.default` so that it round-trips.
    public static func documents(
        _ text: String, limits: YAMLLimits, resolver: Yams.Resolver = .default
    ) throws(YAMLProblem) -> [Node] {
        var stream = try DocumentStream(text, limits: limits, resolver: resolver)
        var nodes: [Node] = []
        while let node = try stream.next() { nodes.append(node) }
        return nodes
    }

    /// `documents(_:limits:resolver:)`, and where each node sits in the text (see `SourceTree`), from one reading
    /// of it; the source nodes are nil if they could not be built.
    static func locatedDocuments(_ text: String, limits: YAMLLimits, resolver: Yams.Resolver) throws(YAMLProblem)
        -> (documents: [Node], source: [SourceNode]?)
    {
        var stream = try DocumentStream(text, limits: limits, resolver: resolver, locatesNodes: true)
        var nodes: [Node] = []
        while let node = try stream.next() { nodes.append(node) }
        return (nodes, stream.sourceDocuments)
    }

    /// The documents of `text` one at a time, within the same limits as `documents`: a reader that handles each
    /// document before taking the next holds one document's nodes at a time, not the whole file's.
    public struct DocumentStream {
        private let composer: EventComposer
        private var budget: Int
        private let limits: YAMLLimits

        /// - Parameter skims: documents read for their identity only (apiVersion, kind, metadata), by apiVersion
        ///   and kind: a reader that needs nothing else of them skips building the rest.
        public init(
            _ text: String, limits: YAMLLimits, resolver: Yams.Resolver = .default,
            skims: (@Sendable (_ apiVersion: String, _ kind: String) -> Bool)? = nil
        ) throws(YAMLProblem) {
            try self.init(text, limits: limits, resolver: resolver, skims: skims, locatesNodes: false)
        }

        init(
            _ text: String, limits: YAMLLimits, resolver: Yams.Resolver,
            skims: (@Sendable (_ apiVersion: String, _ kind: String) -> Bool)? = nil, locatesNodes: Bool
        ) throws(YAMLProblem) {
            let bytes = text.utf8.count
            guard bytes <= limits.maxBytes else { throw .tooLarge(bytes: bytes, limit: limits.maxBytes) }
            guard flowDepth(of: text) <= limits.maxDepth else { throw .tooDeep(limit: limits.maxDepth) }
            composer = try EventComposer(text, resolver: resolver, skims: skims, locatesNodes: locatesNodes)
            budget = limits.maxNodes
            self.limits = limits
        }

        /// Where each node sits in the text, once `next` has returned nil (see `locatesNodes`).
        var sourceDocuments: [SourceNode]? { composer.sourceDocuments }

        /// The next document with its merge keys applied, nil after the last; a parse error ends the stream.
        public mutating func next() throws(YAMLProblem) -> Node? {
            guard let (node, extent) = try composer.nextDocument() else { return nil }
            // Walking the document would change nothing and refuse nothing: charge the budget what it would.
            if !extent.hasMergeKey && extent.charge <= budget && extent.height <= limits.maxDepth {
                budget -= extent.charge
                return node
            }
            return try MergeKeys.apply(to: node, depth: 0, budget: &budget, limits: limits).node
        }
    }

    /// A cheap upper bound on flow-collection nesting (`[[[[...`), refused before parsing: the composer keeps
    /// nesting on a stack, but the merge-key walk and the nodes' own release recurse. Block nesting is bounded by
    /// the byte limit, since each level costs indentation on every line.
    private static func flowDepth(of text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var depth = 0
            var deepest = 0
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    deepest = max(deepest, depth)
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth = max(0, depth - 1)
                default: break
                }
            }
            return deepest
        }
    }
}
