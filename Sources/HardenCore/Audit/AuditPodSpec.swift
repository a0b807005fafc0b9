/// The parts of a pod spec the auditor reads. Reading is lenient: unknown fields are ignored, and only the
/// fields below must have the right type (see `AuditPodSpec+Node.swift`).
public struct AuditPodSpec: Sendable {
    public struct SecurityContext: Sendable {
        public struct Capabilities: Sendable {
            public var add: [String]?
            public var drop: [String]?
        }

        public struct Profile: Sendable {
            public var type: String?
        }

        public struct SELinuxOptions: Sendable {
            public var type: String?
            public var user: String?
            public var role: String?
        }

        public struct Sysctl: Sendable {
            public var name: String
            public var value: String?
        }

        public var runAsUser: Int?
        public var runAsGroup: Int?
        public var runAsNonRoot: Bool?
        public var fsGroup: Int?
        public var readOnlyRootFilesystem: Bool?
        public var allowPrivilegeEscalation: Bool?
        public var privileged: Bool?
        public var capabilities: Capabilities?
        public var seccompProfile: Profile?
        public var appArmorProfile: Profile?
        public var seLinuxOptions: SELinuxOptions?
        public var procMount: String?
        public var sysctls: [Sysctl]?
    }

    public struct Container: Sendable {
        public struct Mount: Sendable {
            public var name: String
            public var mountPath: String
            public var subPath: String?
            public var readOnly: Bool?
        }

        public struct PortSpec: Sendable {
            public var containerPort: Int
            public var hostPort: Int?
            public var `protocol`: String?
        }

        public struct EnvVar: Sendable {
            public var name: String
        }

        public var name: String
        public var image: String?
        public var securityContext: SecurityContext?
        public var volumeMounts: [Mount]?
        public var ports: [PortSpec]?
        public var env: [EnvVar]?
    }

    /// A volume: its name and which source keys it has (`emptyDir`, `hostPath`, ...).
    public struct Volume: Sendable {
        public var name: String
        public var sources: [String]

        /// Volume kinds whose content lives and dies with the pod; any other kind (a claim, hostPath, NFS, CSI...)
        /// may hold data that outlives it.
        static let podScoped: Set<String> = ["emptyDir", "configMap", "secret", "projected", "downwardAPI"]

        /// Whether the volume's content lives and dies with the pod.
        public var isPodScoped: Bool { !sources.isEmpty && sources.allSatisfy(Self.podScoped.contains) }
    }

    public var containers: [Container]
    public var initContainers: [Container]?
    public var ephemeralContainers: [Container]?
    public var volumes: [Volume]?
    public var securityContext: SecurityContext?
    public var hostNetwork: Bool?
    public var hostPID: Bool?
    public var hostIPC: Bool?
    public var automountServiceAccountToken: Bool?
}
