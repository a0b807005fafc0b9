/// A container in a pod spec, with the fields harden writes.
public struct Container: Codable, Sendable, Equatable {
    public var name: String
    /// Left out only in patches, which must not change the image the original workload pulls.
    public var image: String?
    public var command: [String]?
    public var args: [String]?
    public var ports: [ContainerPort]?
    public var env: [EnvVar]?
    public var resources: ResourceRequirements?
    public var livenessProbe: Probe?
    public var readinessProbe: Probe?
    public var securityContext: SecurityContext?
    public var volumeMounts: [VolumeMount]?

    public init(
        name: String, image: String?, command: [String]? = nil, args: [String]? = nil, ports: [ContainerPort]? = nil,
        env: [EnvVar]? = nil, resources: ResourceRequirements? = nil, livenessProbe: Probe? = nil,
        readinessProbe: Probe? = nil, securityContext: SecurityContext? = nil, volumeMounts: [VolumeMount]? = nil
    ) {
        self.name = name
        self.image = image
        self.command = command
        self.args = args
        self.ports = ports
        self.env = env
        self.resources = resources
        self.livenessProbe = livenessProbe
        self.readinessProbe = readinessProbe
        self.securityContext = securityContext
        self.volumeMounts = volumeMounts
    }
}

/// Requests and limits: what the scheduler reserves and the most the container may use.
public struct ResourceRequirements: Codable, Sendable, Equatable {
    public var requests: OrderedStringMap?
    public var limits: OrderedStringMap?

    public init(requests: OrderedStringMap?, limits: OrderedStringMap?) {
        self.requests = requests
        self.limits = limits
    }
}

/// A TCP probe on a port the container listens on.
public struct Probe: Codable, Sendable, Equatable {
    public struct TCPSocket: Codable, Sendable, Equatable {
        public var port: Int
    }

    public var tcpSocket: TCPSocket
    public var initialDelaySeconds: Int?
    public var periodSeconds: Int

    public init(port: Int, initialDelaySeconds: Int?, periodSeconds: Int) {
        tcpSocket = TCPSocket(port: port)
        self.initialDelaySeconds = initialDelaySeconds
        self.periodSeconds = periodSeconds
    }
}

public struct ContainerPort: Codable, Sendable, Equatable {
    public var name: String?
    public var containerPort: Int
    public var `protocol`: String?

    public init(name: String? = nil, containerPort: Int, protocol: String? = nil) {
        self.name = name
        self.containerPort = containerPort
        self.protocol = `protocol`
    }
}

public struct EnvVar: Codable, Sendable, Equatable {
    public var name: String
    public var value: String?
    public var valueFrom: EnvVarSource?

    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }

    /// A variable read from a key of a Secret.
    public init(name: String, secret: String, key: String) {
        self.name = name
        valueFrom = EnvVarSource(secretKeyRef: SecretKeySelector(name: secret, key: key))
    }
}

/// Where a variable's value comes from instead of the spec.
public struct EnvVarSource: Codable, Sendable, Equatable {
    public var secretKeyRef: SecretKeySelector?

    public init(secretKeyRef: SecretKeySelector?) {
        self.secretKeyRef = secretKeyRef
    }
}

public struct SecretKeySelector: Codable, Sendable, Equatable {
    public var name: String
    public var key: String

    public init(name: String, key: String) {
        self.name = name
        self.key = key
    }
}

public struct VolumeMount: Codable, Sendable, Equatable {
    public var name: String
    public var mountPath: String
    public var subPath: String?
    public var readOnly: Bool?

    public init(name: String, mountPath: String, subPath: String? = nil, readOnly: Bool? = nil) {
        self.name = name
        self.mountPath = mountPath
        self.subPath = subPath
        self.readOnly = readOnly
    }
}

public struct Volume: Codable, Sendable, Equatable {
    public var name: String
    public var emptyDir: EmptyDirVolumeSource?

    public init(name: String, emptyDir: EmptyDirVolumeSource?) {
        self.name = name
        self.emptyDir = emptyDir
    }
}

public struct EmptyDirVolumeSource: Codable, Sendable, Equatable {
    public var medium: String?
    public var sizeLimit: String?

    public init(medium: String? = nil, sizeLimit: String? = nil) {
        self.medium = medium
        self.sizeLimit = sizeLimit
    }
}
