/// Something that goes wrong in practice when hardening the image.
public struct Pitfall: Codable, Sendable, Equatable {
    public var summary: String
    public var detail: String?
    public var sources: [String]

    public init(summary: String, detail: String? = nil, sources: [String]) {
        self.summary = summary
        self.detail = detail
        self.sources = sources
    }
}
