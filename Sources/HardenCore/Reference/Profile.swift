/// An image's facts flattened for clients: the `profile` of the JSON contract, built from `ImageFacts` here and
/// nowhere else, and read back into them by `ImageFacts(_:)` when a client decodes a resolution.
public struct Profile: Codable, Sendable, Equatable {
    public struct Path: Codable, Sendable, Equatable {
        public var path: String
        public var why: String
        public var type: WritablePath.Kind
        public var data: WritablePath.Data
        public var seedFromImage: Bool
        public var sizeLimit: String?
        public var medium: WritablePath.Medium

        public init(_ path: WritablePath) {
            self.path = path.path
            why = path.why
            type = path.type
            data = path.data
            seedFromImage = path.seedFromImage
            sizeLimit = path.sizeLimit
            medium = path.medium
        }
    }

    public struct PortInfo: Codable, Sendable, Equatable {
        public var port: Int
        public var `protocol`: Port.TransportProtocol
        public var name: String?
        public var privileged: Bool
        public var howToChange: String?

        public init(_ port: Port) {
            self.port = port.port
            self.protocol = port.protocol
            name = port.name
            privileged = port.isPrivileged
            howToChange = port.howToChange
        }
    }

    public var shippedUser: String
    public var runAsUser: Int
    public var runAsGroup: Int
    public var fsGroup: Int?
    /// The image runs as any non-root uid: `runAsUser` is harden's choice, and another is not a mismatch.
    public var arbitraryUid: Bool
    public var writablePaths: [Path]
    public var protectedPaths: [String]
    public var ports: [PortInfo]
    public var capabilities: [String]
    public var environment: [EnvironmentVariable]
    /// Settings the user must supply; the generator asks for them and never writes a value.
    public var requiredEnvironment: [RequiredVariable]
    public var pitfalls: [String]
    /// URLs of every source the variant's facts cite.
    public var sources: [String]
    /// The weakest confidence among those sources.
    public var confidence: Confidence

    enum CodingKeys: String, CodingKey {
        case shippedUser, runAsUser, runAsGroup, fsGroup, arbitraryUid, writablePaths, protectedPaths, ports
        case capabilities, environment, requiredEnvironment, pitfalls, sources, confidence
    }

    /// Writes `fsGroup` as an explicit null when the image needs none, as the contract documents.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(shippedUser, forKey: .shippedUser)
        try container.encode(runAsUser, forKey: .runAsUser)
        try container.encode(runAsGroup, forKey: .runAsGroup)
        try container.encode(fsGroup, forKey: .fsGroup)
        try container.encode(arbitraryUid, forKey: .arbitraryUid)
        try container.encode(writablePaths, forKey: .writablePaths)
        try container.encode(protectedPaths, forKey: .protectedPaths)
        try container.encode(ports, forKey: .ports)
        try container.encode(capabilities, forKey: .capabilities)
        try container.encode(environment, forKey: .environment)
        try container.encode(requiredEnvironment, forKey: .requiredEnvironment)
        try container.encode(pitfalls, forKey: .pitfalls)
        try container.encode(sources, forKey: .sources)
        try container.encode(confidence, forKey: .confidence)
    }

    /// Reads a profile; one written before `arbitraryUid` existed has none, which means false.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        shippedUser = try container.decode(String.self, forKey: .shippedUser)
        runAsUser = try container.decode(Int.self, forKey: .runAsUser)
        runAsGroup = try container.decode(Int.self, forKey: .runAsGroup)
        fsGroup = try container.decodeIfPresent(Int.self, forKey: .fsGroup)
        arbitraryUid = try container.decodeIfPresent(Bool.self, forKey: .arbitraryUid) ?? false
        writablePaths = try container.decode([Path].self, forKey: .writablePaths)
        protectedPaths = try container.decode([String].self, forKey: .protectedPaths)
        ports = try container.decode([PortInfo].self, forKey: .ports)
        capabilities = try container.decode([String].self, forKey: .capabilities)
        environment = try container.decode([EnvironmentVariable].self, forKey: .environment)
        requiredEnvironment = try container.decode([RequiredVariable].self, forKey: .requiredEnvironment)
        pitfalls = try container.decode([String].self, forKey: .pitfalls)
        sources = try container.decode([String].self, forKey: .sources)
        confidence = try container.decode(Confidence.self, forKey: .confidence)
    }

    public init(_ facts: ImageFacts) {
        shippedUser = facts.user.shipped
        runAsUser = facts.user.uid
        runAsGroup = facts.user.gid
        fsGroup = facts.user.fsGroup
        arbitraryUid = facts.user.arbitraryUid
        writablePaths = facts.writablePaths.map(Path.init)
        protectedPaths = facts.protectedPaths
        ports = facts.ports.map(PortInfo.init)
        capabilities = facts.capabilities.map(\.name)
        environment = facts.environment
        requiredEnvironment = facts.requiredEnvironment
        pitfalls = facts.pitfalls
        sources = facts.sources
        confidence = facts.confidence
    }
}

extension ImageFacts {
    /// The facts a profile states. The profile carries no source ids and no reasons for ports and capabilities:
    /// its facts cite the profile's `sources` as a whole.
    public init(_ profile: Profile) {
        self.init(
            user: NonRootUser(
                shipped: profile.shippedUser, uid: profile.runAsUser, gid: profile.runAsGroup,
                fsGroup: profile.fsGroup, arbitraryUid: profile.arbitraryUid, sources: []),
            writablePaths: profile.writablePaths.map {
                WritablePath(
                    path: $0.path, why: $0.why, type: $0.type, data: $0.data, seedFromImage: $0.seedFromImage,
                    sizeLimit: $0.sizeLimit, medium: $0.medium, sources: [])
            },
            protectedPaths: profile.protectedPaths,
            ports: profile.ports.map {
                Port(
                    port: $0.port, protocol: $0.protocol, name: $0.name, why: "", howToChange: $0.howToChange,
                    sources: [])
            },
            capabilities: profile.capabilities.map { Capability(name: $0, why: "", sources: []) },
            environment: profile.environment, requiredEnvironment: profile.requiredEnvironment,
            pitfalls: profile.pitfalls, sources: profile.sources, confidence: profile.confidence)
    }
}
