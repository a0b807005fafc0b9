/// A path holding image content that no volume may hide: not by a mount on it, above it or inside it.
public struct ProtectedPath: Codable, Sendable, Equatable {
    public var path: String
    public var why: String
    public var sources: [String]

    public init(path: String, why: String, sources: [String]) {
        self.path = path
        self.why = why
        self.sources = sources
    }
}
