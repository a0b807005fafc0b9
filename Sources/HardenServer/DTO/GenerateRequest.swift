import HardenCore

/// POST /v1/generate: the references and the options of `harden generate`, with the same names.
struct GenerateRequest: JSONRequestBody {
    var references: [String]
    var kind: GenerateOptions.Kind?
    var format: GenerateOptions.Format?
    var platform: GenerateOptions.Platform?
    var name: String?
    var namespace: String?
    var replicas: Int?
    var schedule: String?
    var ports: [Int]?
    var runAs: String?
    var writable: [String]?
    var variant: String?
    var container: String?
    var automountServiceAccountToken: Bool?
    /// Refuse an image not in the knowledge base: the default, kept for clients that send it.
    var strict: Bool?
    /// `cpu=250m,memory=256Mi`: requests (the memory request is also the limit).
    var resources: String?
    /// A generic profile for an image not in the knowledge base.
    var generic: Bool?
    /// A known image whose profile is used for an image not in the knowledge base.
    var like: String?
    /// One workload per image (true) or one pod running them all (false); absent: `harden generate`'s default.
    var split: Bool?
    /// With format helm-values: the chart whose values layout to write (`harden generate --chart`).
    var chart: String?

    static let example = #"{"references": ["nginx:1.27"], "kind": "deployment"}"#

    static let expectations = [
        "kind": oneOf(GenerateOptions.Kind.self), "format": oneOf(GenerateOptions.Format.self),
        "platform": oneOf(GenerateOptions.Platform.self), "runAs": #"a string UID or UID:GID, e.g. "1000:1000""#,
        "resources": #"a string cpu=QUANTITY,memory=QUANTITY, e.g. "cpu=250m,memory=256Mi""#,
    ]

    private static func oneOf<T: CaseIterable & RawRepresentable<String>>(_: T.Type) -> String {
        "one of " + T.allCases.map(\.rawValue).joined(separator: ", ")
    }

    func options() throws -> GenerateOptions {
        guard !references.isEmpty, references.count <= GenerateOptions.maxReferences else {
            throw APIError.badRequest(
                "references must name 1 to \(GenerateOptions.maxReferences) images", field: "references")
        }
        var options = GenerateOptions()
        options.kind = kind ?? .deployment
        options.format = format ?? .kubernetes
        options.platform = platform ?? .kubernetes
        options.name = name
        options.namespace = namespace
        options.replicas = replicas
        options.schedule = schedule
        options.ports = ports ?? []
        if let runAs {
            guard let parsed = GenerateOptions.UserID(runAs) else {
                throw APIError.badRequest(
                    "runAs \"\(Quoted.brief(runAs))\" must be UID or UID:GID, each 1 to 2147483647", field: "runAs")
            }
            options.runAs = parsed
        }
        options.writablePaths = writable ?? []
        options.variant = variant
        options.containerName = container
        options.automountServiceAccountToken = automountServiceAccountToken ?? false
        options.split = split
        options.chart = chart
        if generic == true && like != nil {
            throw APIError.badRequest("generic and like exclude each other: choose one", field: "like")
        }
        if let resources {
            guard let parsed = GenerateOptions.Resources(resources) else {
                throw APIError.badRequest(
                    "resources \"\(Quoted.brief(resources))\" must be cpu=QUANTITY,memory=QUANTITY, e.g. cpu=250m,memory=256Mi",
                    field: "resources")
            }
            options.resources = parsed
        }
        if let like {
            // Checked here so that a malformed one is said to be about like, not about references.
            do {
                _ = try ImageReference.parse(like)
            } catch {
                throw RequestFieldError(field: "like", underlying: error)
            }
        }
        options.unknownImage = generic == true ? .generic : like.map { .like($0) } ?? .refuse
        return options
    }
}
