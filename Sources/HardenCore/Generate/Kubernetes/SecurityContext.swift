/// A container's `securityContext`.
public struct SecurityContext: Codable, Sendable, Equatable {
    public var runAsNonRoot: Bool?
    public var runAsUser: Int?
    public var runAsGroup: Int?
    public var readOnlyRootFilesystem: Bool?
    public var allowPrivilegeEscalation: Bool?
    public var privileged: Bool?
    public var capabilities: Capabilities?
    public var seccompProfile: SeccompProfile?

    public init(
        runAsNonRoot: Bool? = nil, runAsUser: Int? = nil, runAsGroup: Int? = nil, readOnlyRootFilesystem: Bool? = nil,
        allowPrivilegeEscalation: Bool? = nil, privileged: Bool? = nil, capabilities: Capabilities? = nil,
        seccompProfile: SeccompProfile? = nil
    ) {
        self.runAsNonRoot = runAsNonRoot
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.readOnlyRootFilesystem = readOnlyRootFilesystem
        self.allowPrivilegeEscalation = allowPrivilegeEscalation
        self.privileged = privileged
        self.capabilities = capabilities
        self.seccompProfile = seccompProfile
    }
}

/// `capabilities` of a container security context.
public struct Capabilities: Codable, Sendable, Equatable {
    public var drop: [String]?
    public var add: [String]?

    public init(drop: [String]? = nil, add: [String]? = nil) {
        self.drop = drop
        self.add = add
    }
}

/// `seccompProfile`: harden always uses the runtime's default profile.
public struct SeccompProfile: Codable, Sendable, Equatable {
    public var type: String

    public init(type: String) { self.type = type }

    public static let runtimeDefault = SeccompProfile(type: "RuntimeDefault")
}

/// A pod's `securityContext`.
public struct PodSecurityContext: Codable, Sendable, Equatable {
    public var runAsNonRoot: Bool?
    public var runAsUser: Int?
    public var runAsGroup: Int?
    public var fsGroup: Int?
    public var seccompProfile: SeccompProfile?
    public var sysctls: [Sysctl]?

    public init(
        runAsNonRoot: Bool? = nil, runAsUser: Int? = nil, runAsGroup: Int? = nil, fsGroup: Int? = nil,
        seccompProfile: SeccompProfile? = nil, sysctls: [Sysctl]? = nil
    ) {
        self.runAsNonRoot = runAsNonRoot
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.fsGroup = fsGroup
        self.seccompProfile = seccompProfile
        self.sysctls = sysctls
    }
}

/// A namespaced kernel parameter set for the pod.
public struct Sysctl: Codable, Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
