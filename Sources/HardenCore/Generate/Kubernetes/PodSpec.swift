/// A pod spec with the fields harden writes.
public struct PodSpec: Codable, Sendable, Equatable {
    public var automountServiceAccountToken: Bool?
    public var restartPolicy: String?
    public var securityContext: PodSecurityContext?
    public var initContainers: [Container]?
    public var containers: [Container]
    public var volumes: [Volume]?

    public init(
        automountServiceAccountToken: Bool? = nil, restartPolicy: String? = nil,
        securityContext: PodSecurityContext? = nil,
        initContainers: [Container]? = nil, containers: [Container], volumes: [Volume]? = nil
    ) {
        self.automountServiceAccountToken = automountServiceAccountToken
        self.restartPolicy = restartPolicy
        self.securityContext = securityContext
        self.initContainers = initContainers
        self.containers = containers
        self.volumes = volumes
    }
}

public struct PodTemplateSpec: Codable, Sendable, Equatable {
    public var metadata: ObjectMeta?
    public var spec: PodSpec

    public init(metadata: ObjectMeta?, spec: PodSpec) {
        self.metadata = metadata
        self.spec = spec
    }
}

public struct LabelSelector: Codable, Sendable, Equatable {
    public var matchLabels: OrderedStringMap

    public init(matchLabels: OrderedStringMap) { self.matchLabels = matchLabels }
}

/// A claim template of a StatefulSet: one persistent volume per replica.
public struct PersistentVolumeClaim: Codable, Sendable, Equatable {
    public struct Spec: Codable, Sendable, Equatable {
        public var accessModes: [String]
        public var resources: Resources
    }

    public struct Resources: Codable, Sendable, Equatable {
        public var requests: OrderedStringMap
    }

    public var metadata: ObjectMeta
    public var spec: Spec

    public init(name: String, storage: String) {
        metadata = ObjectMeta(name: name)
        spec = Spec(
            accessModes: ["ReadWriteOnce"], resources: Resources(requests: OrderedStringMap([("storage", storage)])))
    }
}
