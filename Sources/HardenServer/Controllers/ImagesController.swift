import Foundation
import Hummingbird

/// GET /v1/images[?q=TEXT] and GET /v1/images/{repository}.
struct ImagesController {
    let service: QueryService

    func register(on router: Router<HardenRequestContext>) {
        router.get("/v1/images") { request, _ in
            Responses.json(try service.images(matching: request.uri.queryParameters["q"].map(String.init)))
        }
        router.get("/v1/images/**") { _, context in
            // The router matches the path as sent: `docker.io%2Flibrary%2Fnginx` (one segment, as clients that
            // encode a path parameter send it) and `nginx%3A1.27` are decoded here.
            let path = context.parameters.getCatchAll().joined(separator: "/")
            guard let repository = path.removingPercentEncoding else {
                throw APIError.badRequest("the repository is not valid percent-encoding", field: "repository")
            }
            return Responses.json(
                try await RequestFieldError.attributing(to: "repository") { try service.image(repository) })
        }
    }
}
