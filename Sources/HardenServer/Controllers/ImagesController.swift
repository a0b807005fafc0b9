import Hummingbird

/// GET /v1/images[?q=TEXT] and GET /v1/images/{repository}.
struct ImagesController {
    let service: QueryService

    func register(on router: Router<HardenRequestContext>) {
        router.get("/v1/images") { request, _ in
            Responses.json(try service.images(matching: request.uri.queryParameters["q"].map(String.init)))
        }
        router.get("/v1/images/**") { _, context in
            let repository = context.parameters.getCatchAll().joined(separator: "/")
            return Responses.json(
                try await RequestFieldError.attributing(to: "repository") { try service.image(repository) })
        }
    }
}
