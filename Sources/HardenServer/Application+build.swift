import Hummingbird
import Logging

/// How to run the service.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var accessLog: AccessLog

    public init(host: String = "127.0.0.1", port: Int = 8080, accessLog: AccessLog = .bufferedStandardOutput()) {
        self.host = host
        self.port = port
        self.accessLog = accessLog
    }
}

/// The routes, in one place: `OpenAPIDocument` must describe exactly these (a test checks it).
public enum ServerRoutes {
    public static let all: [(method: String, path: String)] = [
        ("GET", "/healthz"), ("GET", "/readyz"), ("GET", "/metrics"), ("GET", "/openapi.yaml"),
        ("GET", "/v1/resolve"), ("POST", "/v1/resolve"), ("GET", "/v1/images"), ("GET", "/v1/images/{repository}"),
        ("POST", "/v1/generate"), ("POST", "/v1/audit"), ("POST", "/v1/diagnose"), ("POST", "/v1/infer"),
    ]
}

/// Wires the service: middleware, controllers, server settings. No logic lives here.
public func buildApplication(service: QueryService, configuration: ServerConfiguration) -> some ApplicationProtocol {
    let metrics = Metrics()
    let router = Router(context: HardenRequestContext.self)
    router.add(middleware: AccessLogMiddleware(log: configuration.accessLog))
    router.add(middleware: MetricsMiddleware(metrics: metrics))
    router.add(middleware: ErrorMiddleware(knowledgeBaseFailure: service.knowledgeBaseFailure))
    HealthController(service: service, metrics: metrics).register(on: router)
    ResolveController(service: service).register(on: router)
    ImagesController(service: service).register(on: router)
    GenerateController(service: service).register(on: router)
    AuditController(service: service).register(on: router)
    DiagnoseController(service: service).register(on: router)
    InferController(service: service).register(on: router)
    var logger = Logger(label: "harden-server")
    logger.logLevel = .warning
    return Application(
        router: router,
        // Connections idle for 30 s (slow or stalled clients) are closed.
        server: .http1(configuration: .init(idleTimeout: .seconds(30))),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "harden/\(ServerInfo.version)"
        ),
        logger: logger)
}
