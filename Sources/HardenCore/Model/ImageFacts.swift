/// What an image needs to run with a read-only root filesystem as a non-root user: the facts the planner, the
/// audit rules, the fixer and the diagnoser work from, whether the knowledge base knows them or they were inferred.
public struct ImageFacts: Sendable, Equatable {
    public var user: NonRootUser
    public var writablePaths: [WritablePath]
    /// Paths holding image content that no volume may hide.
    public var protectedPaths: [String]
    public var ports: [Port]
    public var capabilities: [Capability]
    public var environment: [EnvironmentVariable]
    /// Settings the user must supply; the generator asks for them and never writes a value.
    public var requiredEnvironment: [RequiredVariable]
    /// What goes wrong in practice, one sentence each.
    public var pitfalls: [String]
    /// Where the facts come from: the URLs of the sources they cite, or what they were inferred from.
    public var sources: [String]
    /// The weakest confidence among those sources.
    public var confidence: Confidence

    public init(
        user: NonRootUser, writablePaths: [WritablePath], protectedPaths: [String], ports: [Port],
        capabilities: [Capability], environment: [EnvironmentVariable], requiredEnvironment: [RequiredVariable] = [],
        pitfalls: [String], sources: [String], confidence: Confidence
    ) {
        self.user = user
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

    /// The facts of one variant of a knowledge-base entry.
    public init(entry: ImageEntry, variant: Variant) {
        let cited = entry.sources(withIDs: variant.citedSourceIDs)
        self.init(
            user: variant.user, writablePaths: variant.writablePaths,
            protectedPaths: variant.protectedPaths.map(\.path),
            ports: variant.ports, capabilities: variant.capabilities, environment: variant.environment,
            requiredEnvironment: variant.requiredEnvironment, pitfalls: variant.pitfalls.map(\.summary),
            sources: cited.map(\.url), confidence: cited.map(\.confidence).min() ?? .low)
    }

    /// Whether the image needs `name` among its capabilities.
    public func needs(capability name: String) -> Bool {
        capabilities.contains { $0.name == name }
    }
}
