import Hummingbird
import HummingbirdCore

/// GET /v1/resolve?ref=REF[&variant=NAME] and POST /v1/resolve (a batch).
struct ResolveController {
    /// The route of both; `MemoisedAnswerHandler` answers GET on it too.
    static let path = "/v1/resolve"

    let service: QueryService

    func register(on router: Router<HardenRequestContext>) {
        router.get(RouterPath(Self.path)) { request, _ in
            let query = try Self.query(of: request.uri).get()
            return Responses.json(
                try await RequestFieldError.attributing(to: "ref") {
                    try service.resolve(query.reference, variant: query.variant)
                })
        }
        router.post(RouterPath(Self.path)) { request, context in
            let batch = try await ResolveBatchRequest.decode(request, context: context)
            guard batch.references.count <= ResolveBatchRequest.maxReferences else {
                throw APIError.badRequest(
                    "a batch takes at most \(ResolveBatchRequest.maxReferences) references", field: "references")
            }
            return Responses.json(try await service.heavyWork.run { try service.resolve(batch: batch) })
        }
    }

    /// The `ref` and `variant` of a GET, each given once: a second `ref` would otherwise be ignored in silence.
    static func query(of uri: URI) -> Result<(reference: String, variant: String?), APIError> {
        let parameters = uri.queryParameters
        for name in ["ref", "variant"] {
            let times = parameters.count { $0.key == name }
            guard times <= 1 else {
                let message =
                    "query parameter \(name) is given \(times) times; give it once, or POST several to \(path)"
                return .failure(.badRequest(message, field: name))
            }
        }
        guard let reference = parameters["ref"] else {
            return .failure(.badRequest("missing query parameter ref, e.g. \(path)?ref=nginx:1.27", field: "ref"))
        }
        return .success((String(reference), parameters["variant"].map(String.init)))
    }
}
