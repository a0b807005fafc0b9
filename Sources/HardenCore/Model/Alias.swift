/// Another repository name under which the same image content is pulled.
public struct Alias: Codable, Sendable, Equatable {
    /// `mirror`: the same content served by another registry; `alias`: another name for it.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case alias
        case mirror
    }

    public var repository: String
    public var kind: Kind

    public init(repository: String, kind: Kind) {
        self.repository = repository
        self.kind = kind
    }
}
