import Hummingbird

/// GET /v1/resolve?ref=REF[&variant=NAME] and POST /v1/resolve (a batch).
struct ResolveController {
    /// The route of both; `MemoisedAnswerHandler` answers GET on it too.
    static let path = "/v1/resolve"

    let service: QueryService

    func register(on router: Router<HardenRequestContext>) {
        router.get(RouterPath(Self.path)) { request, _ in
            guard let reference = request.uri.queryParameters["ref"].map(String.init) else {
                throw APIError.badRequest(
                    "missing query parameter ref, e.g. /v1/resolve?ref=nginx:1.27", field: "ref")
            }
            let variant = request.uri.queryParameters["variant"].map(String.init)
            return Responses.json(
                try await RequestFieldError.attributing(to: "ref") {
                    try service.resolve(reference, variant: variant)
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
}
