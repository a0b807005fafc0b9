/// A path the image writes at run time; under a read-only root filesystem each becomes its own volume.
public struct WritablePath: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case directory
        case file
    }

    /// Whether losing the content on restart is fine.
    public enum Data: String, Codable, Sendable, CaseIterable {
        case scratch
        case persistent
    }

    /// Where an emptyDir keeps its content.
    public enum Medium: String, Codable, Sendable, CaseIterable {
        case disk
        case memory
    }

    public var path: String
    public var why: String
    public var type: Kind
    public var data: Data
    /// The image ships content here that must stay: the volume is filled from the image before start.
    public var seedFromImage: Bool
    /// A Kubernetes quantity for the emptyDir's size limit.
    public var sizeLimit: String?
    public var medium: Medium
    public var sources: [String]

    public init(
        path: String, why: String, type: Kind = .directory, data: Data = .scratch, seedFromImage: Bool = false,
        sizeLimit: String? = nil, medium: Medium = .disk, sources: [String]
    ) {
        self.path = path
        self.why = why
        self.type = type
        self.data = data
        self.seedFromImage = seedFromImage
        self.sizeLimit = sizeLimit
        self.medium = medium
        self.sources = sources
    }
}
