/// How `harden infer` may reach registries: the hosts the user allowed plain HTTP to, the environment its
/// credentials are found through (`HOME`, `REGISTRY_AUTH_FILE`), and where progress lines go.
public struct RegistryAccess: Sendable {
    /// `host:port` (or `host`) names given with --insecure-registry, lower-cased.
    public var insecureRegistries: Set<String>
    public var environment: [String: String]
    /// Receives one line per layer pulled once the pull has run longer than `progressAfter`.
    public var progress: (@Sendable (String) -> Void)?
    public var progressAfter: Duration

    public init(
        insecureRegistries: Set<String> = [], environment: [String: String] = [:],
        progress: (@Sendable (String) -> Void)? = nil, progressAfter: Duration = .seconds(1)
    ) {
        self.insecureRegistries = Set(insecureRegistries.map { $0.lowercased() })
        self.environment = environment
        self.progress = progress
        self.progressAfter = progressAfter
    }
}
