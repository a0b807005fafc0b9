/// One flavour of an image (debian, alpine, unprivileged, a major-version range) and what it needs to run
/// with a read-only root filesystem as a non-root user.
public struct Variant: Codable, Sendable, Equatable {
    public var name: String
    public var description: String?
    /// The variant chosen when no tag pattern matches, or when a reference has only a digest.
    public var isDefault: Bool
    /// Glob patterns over the tag (`*alpine*`).
    public var tagPatterns: [String]
    /// Limits the tags this variant matches to a range of leading versions.
    public var versionRange: VersionRange?
    /// Higher is tried first; ties go in file order.
    public var priority: Int
    public var user: NonRootUser
    public var writablePaths: [WritablePath]
    public var protectedPaths: [ProtectedPath]
    public var ports: [Port]
    public var capabilities: [Capability]
    public var environment: [EnvironmentVariable]
    /// Settings the user must supply (a password the entrypoint demands).
    public var requiredEnvironment: [RequiredVariable]
    public var pitfalls: [Pitfall]

    public init(
        name: String, description: String? = nil, isDefault: Bool, tagPatterns: [String] = [],
        versionRange: VersionRange? = nil, priority: Int = 0, user: NonRootUser,
        writablePaths: [WritablePath] = [], protectedPaths: [ProtectedPath] = [], ports: [Port] = [],
        capabilities: [Capability] = [], environment: [EnvironmentVariable] = [],
        requiredEnvironment: [RequiredVariable] = [], pitfalls: [Pitfall] = []
    ) {
        self.name = name
        self.description = description
        self.isDefault = isDefault
        self.tagPatterns = tagPatterns
        self.versionRange = versionRange
        self.priority = priority
        self.user = user
        self.writablePaths = writablePaths
        self.protectedPaths = protectedPaths
        self.ports = ports
        self.capabilities = capabilities
        self.environment = environment
        self.requiredEnvironment = requiredEnvironment
        self.pitfalls = pitfalls
    }

    /// Every source id the variant's facts cite, in first-cited order.
    public var citedSourceIDs: [String] {
        var all: [String] = user.sources
        all += writablePaths.flatMap(\.sources)
        all += protectedPaths.flatMap(\.sources)
        all += ports.flatMap(\.sources)
        all += capabilities.flatMap(\.sources)
        all += environment.flatMap(\.sources)
        all += requiredEnvironment.flatMap(\.sources)
        all += pitfalls.flatMap(\.sources)
        var seen: [String] = []
        for id in all where !seen.contains(id) {
            seen.append(id)
        }
        return seen
    }
}
