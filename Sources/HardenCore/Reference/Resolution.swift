/// The answer to "how do I run this image hardened?": the parsed reference, which entry and variant matched and
/// why, and the facts that matter. This is the stable JSON contract of `harden resolve --output json` and
/// `GET /v1/resolve`; fields are only ever added.
public struct Resolution: Codable, Sendable, Equatable {
    /// How the repository was recognised.
    public enum Via: String, Codable, Sendable {
        case canonical
        case alias
        case mirror
        /// Not in the knowledge base: the profile was inferred from an image the user named (audit and fix).
        case inferred
    }

    public struct Match: Codable, Sendable, Equatable {
        /// The canonical repository of the entry.
        public var image: String
        public var variant: String
        public var via: Via
        /// One or two sentences: which rules chose this entry and variant.
        public var reason: String
        /// What was assumed rather than known (a digest without a tag picks the default variant).
        public var assumptions: [String]
    }

    public var input: String
    public var reference: ImageReference
    public var match: Match?
    public var profile: Profile?
    /// Known repositories close to an unknown one ("did you mean").
    public var suggestions: [String]

    enum CodingKeys: String, CodingKey {
        case input, reference, match, profile, suggestions
    }

    /// Writes `match` and `profile` as explicit nulls for an unknown image, as the contract documents.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(input, forKey: .input)
        try container.encode(reference, forKey: .reference)
        try container.encode(match, forKey: .match)
        try container.encode(profile, forKey: .profile)
        try container.encode(suggestions, forKey: .suggestions)
    }
}

/// The facts of one variant, flattened for clients.
public struct Profile: Codable, Sendable, Equatable {
    public struct Path: Codable, Sendable, Equatable {
        public var path: String
        public var why: String
        public var type: WritablePath.Kind
        public var data: WritablePath.Data
        public var seedFromImage: Bool
        public var sizeLimit: String?
        public var medium: WritablePath.Medium
    }

    public struct PortInfo: Codable, Sendable, Equatable {
        public var port: Int
        public var `protocol`: String
        public var name: String?
        public var privileged: Bool
        public var howToChange: String?
    }

    public var shippedUser: String
    public var runAsUser: Int
    public var runAsGroup: Int
    public var fsGroup: Int?
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
        case shippedUser, runAsUser, runAsGroup, fsGroup, writablePaths, protectedPaths, ports, capabilities
        case environment, requiredEnvironment, pitfalls, sources, confidence
    }

    /// Writes `fsGroup` as an explicit null when the image needs none, as the contract documents.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(shippedUser, forKey: .shippedUser)
        try container.encode(runAsUser, forKey: .runAsUser)
        try container.encode(runAsGroup, forKey: .runAsGroup)
        try container.encode(fsGroup, forKey: .fsGroup)
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

    public init(
        shippedUser: String, runAsUser: Int, runAsGroup: Int, fsGroup: Int?, writablePaths: [Path],
        protectedPaths: [String], ports: [PortInfo], capabilities: [String], environment: [EnvironmentVariable],
        requiredEnvironment: [RequiredVariable] = [], pitfalls: [String], sources: [String], confidence: Confidence
    ) {
        self.shippedUser = shippedUser
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.fsGroup = fsGroup
        self.writablePaths = writablePaths
        self.protectedPaths = protectedPaths
        self.ports = ports
        self.capabilities = capabilities
        self.environment = environment
        self.requiredEnvironment = requiredEnvironment
        self.pitfalls = pitfalls
        self.sources = sources
        self.confidence = confidence
    }

    public init(entry: ImageEntry, variant: Variant) {
        shippedUser = variant.user.shipped
        runAsUser = variant.user.uid
        runAsGroup = variant.user.gid
        fsGroup = variant.user.fsGroup
        writablePaths = variant.writablePaths.map {
            Path(
                path: $0.path, why: $0.why, type: $0.type, data: $0.data, seedFromImage: $0.seedFromImage,
                sizeLimit: $0.sizeLimit, medium: $0.medium)
        }
        protectedPaths = variant.protectedPaths.map(\.path)
        ports = variant.ports.map {
            PortInfo(
                port: $0.port, protocol: $0.protocol.rawValue, name: $0.name, privileged: $0.isPrivileged,
                howToChange: $0.howToChange)
        }
        capabilities = variant.capabilities.map(\.name)
        environment = variant.environment
        requiredEnvironment = variant.requiredEnvironment
        pitfalls = variant.pitfalls.map(\.summary)
        let cited = entry.sources(withIDs: variant.citedSourceIDs)
        sources = cited.map(\.url)
        confidence = cited.map(\.confidence).min() ?? .low
    }
}

extension WritablePath {
    /// The path as a profile states it; its sources are the profile's, not the path's.
    init(_ path: Profile.Path) {
        self.init(
            path: path.path, why: path.why, type: path.type, data: path.data, seedFromImage: path.seedFromImage,
            sizeLimit: path.sizeLimit, medium: path.medium, sources: [])
    }
}
