import Hummingbird

/// POST /v1/audit: a manifest body (YAML or JSON, several documents allowed) answered with findings as JSON,
/// or as SARIF when Accept asks for application/sarif+json.
struct AuditController {
    let service: QueryService

    func register(on router: Router<HardenRequestContext>) {
        router.post("/v1/audit") { request, context in
            let admission = try service.heavyWork.admit(
                reserving: HeavyWork.reservation(for: request, maxBodyBytes: context.maxUploadSize))
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            let sarif = request.accepts("application/sarif+json")
            let manifest = String(buffer: buffer)
            let body = try await service.heavyWork.run(admission) {
                try service.audit(manifest, sarif: sarif)
            }
            return Responses.body(body, contentType: sarif ? "application/sarif+json" : "application/json")
        }
    }
}
