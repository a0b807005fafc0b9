/// A port the image listens on by default.
public struct Port: Codable, Sendable, Equatable {
    public enum TransportProtocol: String, Codable, Sendable, CaseIterable {
        case tcp = "TCP"
        case udp = "UDP"
        case sctp = "SCTP"
    }

    /// Ports below this need privilege to bind (Linux's default `net.ipv4.ip_unprivileged_port_start`).
    public static let firstUnprivilegedPort = 1024

    public var port: Int
    public var `protocol`: TransportProtocol
    public var name: String?
    public var why: String
    /// How to make the image listen on an unprivileged port instead, where it allows it.
    public var howToChange: String?
    public var sources: [String]

    public init(
        port: Int, protocol: TransportProtocol = .tcp, name: String? = nil, why: String, howToChange: String? = nil,
        sources: [String]
    ) {
        self.port = port
        self.protocol = `protocol`
        self.name = name
        self.why = why
        self.howToChange = howToChange
        self.sources = sources
    }

    /// Whether a non-root process needs help to bind it.
    public var isPrivileged: Bool { port < Self.firstUnprivilegedPort }
}
