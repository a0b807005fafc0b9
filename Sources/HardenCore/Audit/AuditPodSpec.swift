/// The parts of a pod spec the auditor reads. Decoding is lenient: unknown fields are ignored, and only the
/// fields below must have the right type.
public struct AuditPodSpec: Decodable, Sendable {
    public struct SecurityContext: Decodable, Sendable {
        public struct Capabilities: Decodable, Sendable {
            public var add: [String]?
            public var drop: [String]?
        }

        public struct Profile: Decodable, Sendable {
            public var type: String?
        }

        public struct SELinuxOptions: Decodable, Sendable {
            public var type: String?
            public var user: String?
            public var role: String?
        }

        public struct Sysctl: Decodable, Sendable {
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

    public struct Container: Decodable, Sendable {
        public struct Mount: Decodable, Sendable {
            public var name: String
            public var mountPath: String
            public var subPath: String?
            public var readOnly: Bool?
        }

        public struct PortSpec: Decodable, Sendable {
            public var containerPort: Int
            public var hostPort: Int?
            public var `protocol`: String?
        }

        public struct EnvVar: Decodable, Sendable {
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
    public struct Volume: Decodable, Sendable {
        public var name: String
        public var sources: [String]

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            name = try container.decode(String.self, forKey: Key(stringValue: "name"))
            sources = container.allKeys.map(\.stringValue).filter { $0 != "name" }.sorted()
        }
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
