/// A variable the image refuses to start without and whose value only its user can choose, such as a database's
/// superuser password. Unlike `EnvironmentVariable`, which harden sets to a known value, the generator never
/// invents one: it asks for it (a Secret reference, a Compose `${X:?}`, `docker run --env X`).
public struct RequiredVariable: Codable, Sendable, Equatable {
    public var name: String
    /// A credential: Kubernetes specs read it from a Secret rather than writing it into the workload.
    public var secret: Bool
    public var why: String
    public var sources: [String]

    public init(name: String, secret: Bool, why: String, sources: [String]) {
        self.name = name
        self.secret = secret
        self.why = why
        self.sources = sources
    }
}
