/// An environment variable that matters for running the image read-only or as non-root.
public struct EnvironmentVariable: Codable, Sendable, Equatable {
    public var name: String
    public var value: String?
    /// Whether generated specs must set it for the image to work.
    public var required: Bool
    /// Whether setting it moves where the image keeps its persistent data (PGDATA into a subdirectory): never
    /// applied to a workload that already has data on a persistent volume.
    public var relocatesData: Bool
    public var why: String
    public var sources: [String]

    public init(
        name: String, value: String? = nil, required: Bool = false, relocatesData: Bool = false, why: String,
        sources: [String]
    ) {
        self.name = name
        self.value = value
        self.required = required
        self.relocatesData = relocatesData
        self.why = why
        self.sources = sources
    }
}
