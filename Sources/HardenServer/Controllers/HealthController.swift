import Hummingbird
import Prometheus

/// GET /healthz, /readyz, /metrics and /openapi.yaml.
struct HealthController {
    let service: QueryService
    let metrics: PrometheusCollectorRegistry

    func register(on router: Router<HardenRequestContext>) {
        router.get("/healthz") { _, _ in Responses.text("{\"status\":\"ok\"}", contentType: "application/json") }
        router.get("/readyz") { _, _ in
            if let failure = service.knowledgeBaseFailure.message {
                throw APIError(status: .serviceUnavailable, code: "not_ready", message: failure)
            }
            return Responses.text(
                "{\"images\":\(service.imageCount),\"status\":\"ready\"}", contentType: "application/json")
        }
        router.get("/metrics") { _, _ in
            Responses.text(metrics.emitToString(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("/openapi.yaml") { _, _ in Responses.text(OpenAPIDocument.yaml, contentType: "application/yaml") }
    }
}
