/// Renders plans as a Compose file: one service per image with `read_only`, `tmpfs`, `user`, `cap_drop`,
/// `security_opt` and its own sysctls, named volumes for persistent or seeded paths, and database ports on
/// 127.0.0.1 only.
public enum ComposeEmitter {
    public struct File: Encodable, Sendable {
        public var services: OrderedMap<Service>
        public var volumes: OrderedMap<EmptyObject>?
    }

    public struct Service: Encodable, Sendable {
        public var image: String
        public var readOnly = true
        public var user: String
        public var capDrop = ["ALL"]
        public var capAdd: [String]?
        public var securityOpt = ["no-new-privileges:true"]
        public var sysctls: OrderedStringMap?
        public var tmpfs: [String]?
        public var volumes: [String]?
        public var ports: [String]?
        public var environment: OrderedStringMap?

        enum CodingKeys: String, CodingKey {
            case image
            case readOnly = "read_only"
            case user
            case capDrop = "cap_drop"
            case capAdd = "cap_add"
            case securityOpt = "security_opt"
            case sysctls, tmpfs, volumes, ports, environment
        }
    }

    /// `{}` in YAML.
    public struct EmptyObject: Encodable, Sendable {}

    public static func file(_ plans: [SpecPlan]) -> File {
        var named: [(key: String, value: EmptyObject)] = []
        let services = plans.flatMap(\.containers).map { container -> (key: String, value: Service) in
            var tmpfs: [String] = []
            var volumes: [String] = []
            for volume in container.volumes {
                if volume.keepsContent {
                    let name = "\(container.name)-\(volume.name)"
                    named.append((name, EmptyObject()))
                    volumes.append("\(name):\(volume.path)")
                } else {
                    tmpfs.append("\(volume.path):\(volume.tmpfsOptions)")
                }
            }
            let service = Service(
                image: container.image, user: "\(container.uid):\(container.gid)",
                capAdd: container.addedCapabilities.isEmpty ? nil : container.addedCapabilities,
                sysctls: container.lowestPrivilegedPort.map {
                    OrderedStringMap([("net.ipv4.ip_unprivileged_port_start", String($0))])
                },
                tmpfs: tmpfs.isEmpty ? nil : tmpfs, volumes: volumes.isEmpty ? nil : volumes,
                ports: container.ports.isEmpty ? nil : container.ports.map(DatabasePorts.publish),
                environment: environment(container))
            return (container.name, service)
        }
        return File(services: OrderedMap(services), volumes: named.isEmpty ? nil : OrderedMap(named))
    }

    /// Compose interpolates `$`: a literal dollar in a value is written `$$`. A required setting is the one
    /// interpolation on purpose: `${NAME:?...}` stops `docker compose up` until the user sets it.
    static func environment(_ container: ContainerPlan) -> OrderedStringMap? {
        let literal = container.environment.map {
            ($0.name, ($0.value ?? "").replacingOccurrences(of: "$", with: "$$"))
        }
        let required = container.requiredEnvironment.map { ($0.name, "${\($0.name):?set \($0.name)}") }
        return literal.isEmpty && required.isEmpty ? nil : OrderedStringMap(literal + required)
    }
}

/// A map with string keys that encodes in insertion order.
public struct OrderedMap<Value: Encodable & Sendable>: Encodable, Sendable {
    public var pairs: [(key: String, value: Value)]

    public init(_ pairs: [(key: String, value: Value)]) { self.pairs = pairs }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: OrderedStringMap.Key.self)
        for pair in pairs { try container.encode(pair.value, forKey: OrderedStringMap.Key(stringValue: pair.key)) }
    }
}
