/// Everything the knowledge base knows about one image repository.
///
/// ```swift
/// let nginx = try knowledgeBase.entry(named: "docker.io/library/nginx")
/// nginx?.defaultVariant.user.uid  // 101
/// ```
public struct ImageEntry: Codable, Sendable, Equatable {
    /// The canonical repository, fully qualified: `docker.io/library/nginx`.
    public var repository: String
    public var description: String
    public var homepage: String?
    public var aliases: [Alias]
    public var sources: [Source]
    public var variants: [Variant]
    /// The seed file the entry was built from, as messages show it: `seed-data/images/docker.io/library/nginx.yaml`.
    public var seedFile: String
    /// The layer that contributed the entry: `shipped`, or the name of a team overlay directory.
    public var layer: String

    public init(
        repository: String, description: String, homepage: String? = nil, aliases: [Alias] = [],
        sources: [Source], variants: [Variant], seedFile: String, layer: String
    ) {
        self.repository = repository
        self.description = description
        self.homepage = homepage
        self.aliases = aliases
        self.sources = sources
        self.variants = variants
        self.seedFile = seedFile
        self.layer = layer
    }

    /// The variant chosen when no tag pattern matches. The build guarantees exactly one.
    public var defaultVariant: Variant {
        variants.first(where: \.isDefault) ?? variants[0]
    }

    /// The variant with the given name, if any.
    public func variant(named name: String) -> Variant? {
        variants.first { $0.name == name }
    }

    /// The sources with the given ids, in the entry's order.
    public func sources(withIDs ids: [String]) -> [Source] {
        sources.filter { ids.contains($0.id) }
    }

    /// The weakest confidence among the entry's sources: how far the entry as a whole can be trusted.
    public var confidence: Confidence {
        sources.map(\.confidence).min() ?? .low
    }
}
