/// A registry that serves another registry's content under a path prefix.
///
/// `harbor.example.com/dockerhub/` -> `docker.io/` makes `harbor.example.com/dockerhub/library/nginx` resolve as
/// `docker.io/library/nginx`. A private registry is only ever a mirror when a mirrors file says so.
public struct RegistryMirror: Codable, Sendable, Equatable {
    /// The mirrored path prefix, ending in `/`: `public.ecr.aws/docker/library/`.
    public var prefix: String
    /// What the prefix stands for, ending in `/`: `docker.io/library/`.
    public var target: String
    public var why: String
    /// Where the fact that it mirrors comes from.
    public var source: String
    public var layer: String

    public init(prefix: String, target: String, why: String, source: String, layer: String) {
        self.prefix = prefix
        self.target = target
        self.why = why
        self.source = source
        self.layer = layer
    }

    /// The repository `lookupKey` stands for through this mirror, or nil when it is not under the prefix.
    public func rewrite(_ lookupKey: String) -> String? {
        guard lookupKey.hasPrefix(prefix) else { return nil }
        var rest = String(lookupKey.dropFirst(prefix.count))
        if target == "docker.io/" && !rest.contains("/") { rest = "library/" + rest }
        return target + rest
    }
}
