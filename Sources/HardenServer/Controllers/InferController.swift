import Hummingbird

/// POST /v1/infer[?target=STAGE]: a Dockerfile as the body, answered with the inferred profile and its evidence
/// (the JSON of `harden infer --output json`). The service never pulls images.
struct InferController {
    let service: QueryService

    func register(on router: Router<HardenRequestContext>) {
        router.post("/v1/infer") { request, context in
            let admission = try service.heavyWork.admit(
                reserving: HeavyWork.reservation(for: request, maxBodyBytes: context.maxUploadSize))
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            let dockerfile = String(buffer: buffer)
            let target = request.uri.queryParameters["target"].map(String.init)
            return Responses.json(
                try await RequestFieldError.attributing(to: "body") {
                    try await service.heavyWork.run(admission) { try service.infer(dockerfile, target: target) }
                })
        }
    }
}
