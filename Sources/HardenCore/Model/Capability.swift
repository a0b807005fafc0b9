/// A Linux capability the process needs after all others are dropped.
public struct Capability: Codable, Sendable, Equatable {
    public var name: String
    public var why: String
    public var sources: [String]

    public init(name: String, why: String, sources: [String]) {
        self.name = name
        self.why = why
        self.sources = sources
    }
}
