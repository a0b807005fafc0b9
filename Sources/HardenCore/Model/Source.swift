/// Where a fact comes from: an upstream file at a revision, a documentation page, an issue.
public struct Source: Codable, Sendable, Equatable {
    /// The id facts cite it by, unique within one entry.
    public var id: String
    public var url: String
    /// The commit, tag or image version the fact was read at.
    public var revision: String?
    public var confidence: Confidence
    public var note: String?

    public init(id: String, url: String, revision: String? = nil, confidence: Confidence, note: String? = nil) {
        self.id = id
        self.url = url
        self.revision = revision
        self.confidence = confidence
        self.note = note
    }
}

/// How far a source can be trusted.
public enum Confidence: String, Codable, Sendable, CaseIterable, Comparable {
    /// Not verified against the image itself.
    case low
    /// The official documentation or a maintainer's answer.
    case medium
    /// Read in the image's own Dockerfile, entrypoint or shipped configuration.
    case high

    public static func < (lhs: Confidence, rhs: Confidence) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        }
    }
}
