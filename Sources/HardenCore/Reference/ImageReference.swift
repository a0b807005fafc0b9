/// A parsed, normalised image reference: `nginx` is `docker.io/library/nginx:latest`.
///
/// Parsing follows the grammar container engines use (distribution/reference `regexp.go` and `normalize.go`):
/// ```swift
/// let ref = try ImageReference.parse("library/nginx:1.27-alpine")
/// ref.repository  // "docker.io/library/nginx"
/// ref.tag         // "1.27-alpine"
/// ```
public struct ImageReference: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The registry host, with its port where given: `docker.io`, `localhost:5000`, `[::1]:5000`.
    public var domain: String
    /// The repository path inside the registry: `library/nginx`.
    public var path: String
    /// The tag, `latest` when the reference named neither tag nor digest.
    public var tag: String?
    /// `algorithm:hex`, where given.
    public var digest: String?
    /// Whether `latest` was assumed because the reference had neither tag nor digest.
    public var tagIsImplicit: Bool

    public init(domain: String, path: String, tag: String?, digest: String?, tagIsImplicit: Bool = false) {
        self.domain = domain
        self.path = path
        self.tag = tag
        self.digest = digest
        self.tagIsImplicit = tagIsImplicit
    }

    /// `domain/path`: the repository without tag or digest.
    public var repository: String { "\(domain)/\(path)" }

    /// The repository with the domain lower-cased (host names are case-insensitive), as the knowledge base keys it.
    public var lookupKey: String { "\(domain.lowercased())/\(path)" }

    /// The fully qualified form, which parses back to an equal reference.
    public var description: String {
        var text = repository
        if let tag { text += ":\(tag)" }
        if let digest { text += "@\(digest)" }
        return text
    }

    /// The short name people write: `nginx`, `grafana/grafana`, or the full repository elsewhere.
    public var familiarName: String {
        guard domain == ImageReference.defaultDomain else { return repository }
        return path.hasPrefix("library/") ? String(path.dropFirst("library/".count)) : path
    }

    public static func == (lhs: ImageReference, rhs: ImageReference) -> Bool {
        lhs.domain == rhs.domain && lhs.path == rhs.path && lhs.tag == rhs.tag && lhs.digest == rhs.digest
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(domain)
        hasher.combine(path)
        hasher.combine(tag)
        hasher.combine(digest)
    }

    enum CodingKeys: String, CodingKey {
        case domain, path, repository, tag, digest
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        domain = try container.decode(String.self, forKey: .domain)
        path = try container.decode(String.self, forKey: .path)
        tag = try container.decodeIfPresent(String.self, forKey: .tag)
        digest = try container.decodeIfPresent(String.self, forKey: .digest)
        tagIsImplicit = false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(domain, forKey: .domain)
        try container.encode(path, forKey: .path)
        try container.encode(repository, forKey: .repository)
        try container.encode(tag, forKey: .tag)
        try container.encode(digest, forKey: .digest)
    }
}
