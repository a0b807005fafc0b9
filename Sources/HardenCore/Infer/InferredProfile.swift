/// A profile learned from evidence (a Dockerfile, an image) rather than read from the curated knowledge base: the
/// facts `ImageFacts` holds, with a user that may stay unresolved, each fact with the line that shows it, and the base
/// image's entry it starts from.
public struct InferredProfile: Encodable, Sendable, Equatable {
    /// One fact and where it comes from: `Dockerfile:14: RUN useradd -r -u 10001 app`, or
    /// `base python:3.12-slim (knowledge base)`.
    public struct Fact: Encodable, Sendable, Equatable {
        public var fact: String
        public var value: String
        public var evidence: String
        public var confidence: Confidence
    }

    public struct Match: Encodable, Sendable, Equatable {
        public var via = "inferred"
        /// The base image the final stage is built on, followed through earlier stages and ARGs.
        public var base: String
        /// The knowledge-base entry and variant of the base, when it has one.
        public var baseImage: String?
        public var baseVariant: String?
    }

    public struct Body: Encodable, Sendable, Equatable {
        public var shippedUser: String
        /// Nil when the user is a name the evidence gives no id for.
        public var runAsUser: Int?
        public var runAsGroup: Int?
        public var fsGroup: Int?
        public var writablePaths: [WritablePath]
        public var protectedPaths: [String]
        public var ports: [Port]
        public var capabilities: [Capability]
        public var environment: [EnvironmentVariable]
        public var pitfalls: [String]
        public var sources: [String]
        public var confidence: Confidence

        enum CodingKeys: String, CodingKey {
            case shippedUser, runAsUser, runAsGroup, fsGroup, writablePaths, protectedPaths, ports, capabilities
            case environment, pitfalls, sources, confidence
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(shippedUser, forKey: .shippedUser)
            try container.encode(runAsUser, forKey: .runAsUser)
            try container.encode(runAsGroup, forKey: .runAsGroup)
            try container.encode(fsGroup, forKey: .fsGroup)
            try container.encode(writablePaths.map(Profile.Path.init), forKey: .writablePaths)
            try container.encode(protectedPaths, forKey: .protectedPaths)
            try container.encode(ports.map(Profile.PortInfo.init), forKey: .ports)
            try container.encode(capabilities.map(\.name), forKey: .capabilities)
            try container.encode(environment, forKey: .environment)
            try container.encode(pitfalls, forKey: .pitfalls)
            try container.encode(sources, forKey: .sources)
            try container.encode(confidence, forKey: .confidence)
        }
    }

    public var match: Match
    public var profile: Body
    /// Every fact with its evidence, in the order the profile lists them.
    public var evidence: [Fact]

    /// The facts the generator and the audit use: an unresolved user falls back to the generic non-root uid, said
    /// loudly.
    public var facts: ImageFacts {
        ImageFacts(
            user: NonRootUser(
                shipped: profile.shippedUser, uid: profile.runAsUser ?? GenericProfile.uid,
                gid: profile.runAsGroup ?? profile.runAsUser ?? GenericProfile.gid, fsGroup: profile.fsGroup,
                sources: []),
            writablePaths: profile.writablePaths, protectedPaths: profile.protectedPaths, ports: profile.ports,
            capabilities: profile.capabilities, environment: profile.environment, pitfalls: profile.pitfalls,
            sources: profile.sources, confidence: profile.confidence)
    }
}

extension InferredProfile {
    /// Where an inferred profile disagrees with the curated entry for the same image. The curated entry wins;
    /// the disagreements are how the knowledge base finds its own stale facts.
    public func disagreements(with curated: ImageFacts) -> [String] {
        var found: [String] = []
        if let uid = profile.runAsUser, uid != curated.user.uid {
            found.append("the Dockerfile runs as uid \(uid), the knowledge base says \(curated.user.uid)")
        }
        for path in profile.writablePaths.map(\.path)
        where !curated.writablePaths.contains(where: { ContainerPath.covers(mountPath: $0.path, path) }) {
            found.append("the Dockerfile prepares \(path) for writing; the knowledge base does not list it")
        }
        for path in profile.protectedPaths where curated.writablePaths.contains(where: { $0.path == path }) {
            found.append("the Dockerfile copies content into \(path), which the knowledge base mounts as writable")
        }
        return found
    }
}
