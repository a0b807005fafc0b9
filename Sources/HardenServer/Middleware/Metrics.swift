import Foundation
import Hummingbird

/// Request counts and latencies by route, method and status, in the Prometheus text format.
public final class Metrics: @unchecked Sendable {
    /// Latency buckets in seconds: the service answers in about a millisecond.
    static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]

    private struct Series: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    private let lock = NSLock()
    private var counts: [Series: Int] = [:]
    private var histograms: [String: (buckets: [Int], sum: Double, count: Int)] = [:]

    public init() {}

    func record(route: String, method: String, status: Int, seconds: Double) {
        lock.withLock {
            counts[Series(route: route, method: method, status: status), default: 0] += 1
            var histogram = histograms[route] ?? (Array(repeating: 0, count: Self.buckets.count), 0, 0)
            for (index, bound) in Self.buckets.enumerated() where seconds <= bound { histogram.buckets[index] += 1 }
            histogram.sum += seconds
            histogram.count += 1
            histograms[route] = histogram
        }
    }

    /// The exposition text for GET /metrics.
    public func render() -> String {
        lock.withLock {
            var lines = [
                "# HELP harden_http_requests_total HTTP requests answered, by route, method and status.",
                "# TYPE harden_http_requests_total counter",
            ]
            for (series, count) in counts.sorted(by: {
                "\($0.key.route)\($0.key.method)\($0.key.status)" < "\($1.key.route)\($1.key.method)\($1.key.status)"
            }) {
                lines.append(
                    "harden_http_requests_total{route=\"\(series.route)\",method=\"\(series.method)\",status=\"\(series.status)\"} \(count)"
                )
            }
            lines += [
                "# HELP harden_http_request_duration_seconds Time to answer, by route.",
                "# TYPE harden_http_request_duration_seconds histogram",
            ]
            for (route, histogram) in histograms.sorted(by: { $0.key < $1.key }) {
                for (index, bound) in Self.buckets.enumerated() {
                    lines.append(
                        "harden_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"\(bound)\"} \(histogram.buckets[index])"
                    )
                }
                lines.append(
                    "harden_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"+Inf\"} \(histogram.count)")
                lines.append("harden_http_request_duration_seconds_sum{route=\"\(route)\"} \(histogram.sum)")
                lines.append("harden_http_request_duration_seconds_count{route=\"\(route)\"} \(histogram.count)")
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}

/// Feeds `Metrics` from every request, errors included.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: Metrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        metrics.record(
            route: context.endpointPath ?? "unmatched", method: request.method.rawValue, status: response.status.code,
            seconds: seconds)
        return response
    }
}
