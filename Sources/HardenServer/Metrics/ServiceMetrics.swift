import Metrics
import Prometheus

/// The service's metrics: `RequestMetricsMiddleware` records every request through swift-metrics, whose factory is
/// a Prometheus registry that GET /metrics renders.
///
/// swift-metrics has one factory per process and `MetricsSystem.bootstrap` may run only once, while the middleware
/// records through that global factory. So `bootstrap()` is called exactly once per process, by the executable at
/// start-up (and by the tests, in one lazily initialised global), and its registry is handed to `buildApplication`.
public enum ServiceMetrics {
    /// Makes a registry swift-metrics' factory for the rest of the process; call it once.
    public static func bootstrap() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(factory(for: registry))
        return registry
    }

    /// Prometheus' conventional names for the request metrics: counters end in `_total`, durations in `_seconds`
    /// (the registry itself turns the dots of names and labels into underscores). Errors are counted by their
    /// status code in `hb_requests_total`.
    static let conventionalNames = [
        "hb.requests": "hb_requests_total",
        "http.server.request.duration": "http_server_request_duration_seconds",
    ]

    /// Latency buckets: the service answers in about a millisecond, below the factory's default first bucket (5 ms).
    static let durationBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .microseconds(2_500), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1),
    ]

    static func factory(for registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = durationBuckets
        factory.nameAndLabelSanitizer = { name, labels in (conventionalNames[name] ?? name, labels) }
        return factory
    }
}
