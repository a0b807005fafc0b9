/// Bounds on untrusted YAML, checked before anything walks or decodes it.
///
/// Yams has no alias-bomb protection: a few hundred bytes can expand to billions of nodes
/// (docs/stack.md). Composing to `Node` is cheap; expanding it is not, so every walk is budgeted.
public struct YAMLLimits: Sendable, Equatable {
    public var maxBytes: Int
    public var maxNodes: Int
    public var maxDepth: Int

    public init(maxBytes: Int, maxNodes: Int, maxDepth: Int) {
        self.maxBytes = maxBytes
        self.maxNodes = maxNodes
        self.maxDepth = maxDepth
    }

    /// Seed files are small, hand-written documents.
    public static let seedFile = YAMLLimits(maxBytes: 1 << 20, maxNodes: 100_000, maxDepth: 64)
    /// Kubernetes manifests, including large Helm-rendered bundles.
    public static let manifest = YAMLLimits(maxBytes: 16 << 20, maxNodes: 2_000_000, maxDepth: 128)
}
