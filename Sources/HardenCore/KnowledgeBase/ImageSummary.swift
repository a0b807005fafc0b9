/// One line of `harden images`: an entry without its facts.
public struct ImageSummary: Codable, Sendable, Equatable {
    public var repository: String
    public var description: String
    public var variants: [String]
    public var aliases: [String]
    public var confidence: Confidence
    public var layer: String
}
