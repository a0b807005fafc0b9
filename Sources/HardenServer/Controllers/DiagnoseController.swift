import Hummingbird

/// POST /v1/diagnose[?image=REF]: a pasted log as the body, answered with the findings, the patch and the overlay
/// (the JSON of `harden diagnose --output json`).
struct DiagnoseController {
    let service: QueryService

    func register(on router: Router<HardenRequestContext>) {
        router.post("/v1/diagnose") { request, context in
            let admission = try service.heavyWork.admit(
                reserving: HeavyWork.reservation(for: request, maxBodyBytes: context.maxUploadSize))
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            let log = String(buffer: buffer)
            let image = request.uri.queryParameters["image"].map(String.init)
            return Responses.json(
                try await RequestFieldError.attributing(to: "image") {
                    try await service.heavyWork.run(admission) { try service.diagnose(log, image: image) }
                })
        }
    }
}
