/// A Service in front of a workload's pods: ClusterIP, or headless (`clusterIP: None`) as a StatefulSet's
/// `serviceName`, which gives each replica its stable DNS name.
public struct Service: Codable, Sendable, Equatable {
    public struct Spec: Codable, Sendable, Equatable {
        public var clusterIP: String?
        public var selector: OrderedStringMap
        public var ports: [ServicePort]?
    }

    public var apiVersion = "v1"
    public var kind = "Service"
    public var metadata: ObjectMeta
    public var spec: Spec

    public init(metadata: ObjectMeta, headless: Bool, selector: OrderedStringMap, ports: [ServicePort]) {
        self.metadata = metadata
        spec = Spec(clusterIP: headless ? "None" : nil, selector: selector, ports: ports.isEmpty ? nil : ports)
    }
}

public struct ServicePort: Codable, Sendable, Equatable {
    public var name: String
    public var port: Int
    public var `protocol`: String

    public init(name: String, port: Int, protocol: String) {
        self.name = name
        self.port = port
        self.protocol = `protocol`
    }
}
