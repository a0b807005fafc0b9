import HardenCore

/// POST /v1/resolve: several references, optionally with one variant for all.
struct ResolveBatchRequest: JSONRequestBody {
    var references: [String]
    var variant: String?

    static let example = #"{"references": ["nginx:1.27", "redis:7"]}"#
    static let expectations: [String: String] = [:]

    /// A bound on a batch, so one request cannot hold the service.
    static let maxReferences = 1_000
}

/// One answer of a batch: the resolution (the same JSON as a single resolve), or why the reference was refused.
enum ResolveOutcome: Encodable {
    case resolution(Resolution)
    case failure(input: String, message: String)

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .resolution(let resolution): try resolution.encode(to: encoder)
        case .failure(let input, let message):
            var container = encoder.container(keyedBy: FailureKeys.self)
            try container.encode(input, forKey: .input)
            try container.encode(message, forKey: .error)
        }
    }

    enum FailureKeys: String, CodingKey {
        case input, error
    }
}
