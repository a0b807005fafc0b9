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

    /// The order is the declaration order (low < medium < high), written once: here.
    public static func < (lhs: Confidence, rhs: Confidence) -> Bool {
        lhs.rank < rhs.rank
    }

    var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// The confidence of a rank, clamped to the known ones.
    static func ranked(_ rank: Int) -> Confidence {
        allCases[min(max(rank, 0), allCases.count - 1)]
    }

    /// An SQL expression ranking the confidence stored in `column` in the same order.
    static func sqlRank(of column: String) -> String {
        let cases = allCases.map { "WHEN '\($0.rawValue)' THEN \($0.rank)" }.joined(separator: " ")
        return "CASE \(column) \(cases) ELSE 0 END"
    }
}
