import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import Prometheus

/// How to run the service.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// What GET /metrics renders: the registry `ServiceMetrics.bootstrap()` made swift-metrics' factory.
    public var metrics: PrometheusCollectorRegistry
    /// The level of the service's log; each request's access line is `info`.
    public var logLevel: Logger.Level
    /// Where log lines go, in batches.
    public var logOutput: BufferedOutput
    /// How often the log is written out when it has not filled a batch (and always at shutdown).
    public var logFlushInterval: Duration = .seconds(1)
    /// Connections served at once; past it, new ones wait in the listen backlog.
    public var maxConnections: Int
    /// How long a client has to send its first request, and each next one after the previous ended.
    public var requestDeadline: Duration
    /// Called with the bound address once the server listens (not before: a busy port never says "listening").
    public var onListening: @Sendable (String) -> Void = { _ in }

    public init(
        metrics: PrometheusCollectorRegistry, host: String = "127.0.0.1", port: Int = 8080,
        logLevel: Logger.Level = .info, logOutput: BufferedOutput = BufferedOutput(), maxConnections: Int = 4_096,
        requestDeadline: Duration = .seconds(10)
    ) {
        self.metrics = metrics
        self.host = host
        self.port = port
        self.logLevel = logLevel
        self.logOutput = logOutput
        self.maxConnections = maxConnections
        self.requestDeadline = requestDeadline
    }
}

/// The routes, in one place: `OpenAPIDocument` must describe exactly these (a test checks it).
public enum ServerRoutes {
    public static let all: [(method: String, path: String)] = [
        ("GET", "/healthz"), ("GET", "/readyz"), ("GET", "/metrics"), ("GET", "/openapi.yaml"),
        ("GET", "/v1/resolve"), ("POST", "/v1/resolve"), ("GET", "/v1/images"), ("GET", "/v1/images/{repository}"),
        ("POST", "/v1/generate"), ("POST", "/v1/audit"), ("POST", "/v1/fix"), ("POST", "/v1/diagnose"),
        ("POST", "/v1/infer"), ("GET", "/v1/rules"),
    ]
}

extension ServerRoutes {
    /// The methods a path is served with (`{name}` matches one or more path segments), for 405 answers.
    static func methods(for path: String) -> [String] {
        all.filter { route in
            if let brace = route.path.firstIndex(of: "{") {
                let prefix = route.path[..<brace]
                return path.hasPrefix(prefix) && path.count > prefix.count
            }
            return route.path == path
        }.map(\.method)
    }
}

/// Wires the service: middleware, controllers, server settings. No logic lives here.
public func buildApplication(service: QueryService, configuration: ServerConfiguration) -> some ApplicationProtocol {
    let logger = Logger(label: "harden-server") { _ in
        BufferedLogHandler(output: configuration.logOutput, logLevel: configuration.logLevel)
    }
    let router = Router(context: HardenRequestContext.self)
    let instruments = RequestInstruments()
    router.add(middleware: AccessLogMiddleware(logger: logger))
    router.add(middleware: RequestMetricsMiddleware(instruments: instruments))
    router.add(middleware: ErrorMiddleware(knowledgeBaseFailure: service.knowledgeBaseFailure))
    HealthController(service: service, metrics: configuration.metrics).register(on: router)
    ResolveController(service: service).register(on: router)
    ImagesController(service: service).register(on: router)
    GenerateController(service: service).register(on: router)
    AuditController(service: service).register(on: router)
    FixController(service: service).register(on: router)
    DiagnoseController(service: service).register(on: router)
    InferController(service: service).register(on: router)
    RulesController().register(on: router)
    let serverName = "harden/\(ServerInfo.version)"
    // Connections idle for 30 s are closed; a request must arrive whole within the request deadline (slow clients
    // that trickle bytes are never idle).
    let http1 = HTTP1Channel.Configuration(
        additionalChannelHandlers: [
            RequestDeadlineHandler(
                first: .nanoseconds(Int64(configuration.requestDeadline.timeInterval * 1e9)), next: .seconds(30))
        ], idleTimeout: .seconds(30))
    let answers = MemoisedAnswerHandler.Answers(
        service: service, serverName: serverName, logger: logger, instruments: instruments)
    return Application(
        router: router,
        server: HTTPServerBuilder { responder in
            MemoisedAnswersChannel(http1: HTTP1Channel(responder: responder, configuration: http1), answers: answers)
        },
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: serverName,
            backlog: 1_024, availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections)),
        services: [LogFlusher(output: configuration.logOutput, interval: configuration.logFlushInterval)],
        onServerRunning: { channel in
            let address = channel.localAddress
            configuration.onListening(
                "http://\(address?.ipAddress ?? configuration.host):\(address?.port ?? configuration.port)")
        },
        logger: logger)
}

/// Whether a start-up failure is the port being taken by another process.
public func isAddressInUse(_ error: any Error) -> Bool {
    (error as? IOError)?.errnoCode == EADDRINUSE
}
