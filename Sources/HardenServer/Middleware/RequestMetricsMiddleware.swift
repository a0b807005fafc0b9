import Hummingbird
import Metrics
import Synchronization

/// Counts every request and times its handler through swift-metrics, under the names and labels of Hummingbird's
/// `MetricsMiddleware` (renamed for Prometheus by `ServiceMetrics`).
///
/// Not that middleware itself: to time the body's write it wraps every response body in a closure, which takes
/// the response off Hummingbird's single-write path (head, body and end in one batch) and costs a second write
/// system call per answer; measured with `bench/load.sh` it cut the resolve rate by a quarter or more. Answers here
/// are one buffer each, so the handler's time is the request's time.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let instruments: RequestInstruments

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        let active = instruments.activeRequests(request.method)
        active.increment()
        defer { active.decrement() }
        do {
            let response = try await next(request, context)
            instruments.record(context, request.method, status: response.status, since: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            instruments.record(context, request.method, status: status, since: start)
            throw error
        }
    }
}

/// The swift-metrics handles, made once per label set: making one goes through the factory's registry and its
/// lock, which is too much for every request. The label sets are bounded: routes are the router's patterns, and
/// NIO's HTTP parser refuses any method outside its fixed list before a request gets here. One instance serves the
/// middleware and `MemoisedAnswerHandler`, which answers below the router.
final class RequestInstruments: Sendable {
    private struct Series: Hashable {
        var route: String
        var method: HTTPRequest.Method
        var status: Int
    }

    private struct Instruments: Sendable {
        var requests: Counter
        var duration: Timer
    }

    private let active = Mutex<[HTTPRequest.Method: Meter]>([:])
    private let series = Mutex<[Series: Instruments]>([:])

    func activeRequests(_ method: HTTPRequest.Method) -> Meter {
        active.withLock { meters in
            if let meter = meters[method] { return meter }
            let meter = Meter(
                label: "http.server.active_requests", dimensions: [("http.request.method", method.rawValue)])
            meters[method] = meter
            return meter
        }
    }

    /// One request routed and answered with `status`: counted under its route (the pattern, `NotFound` when no
    /// route matched), method and status, and timed.
    func record(
        _ context: some RequestContext, _ method: HTTPRequest.Method, status: HTTPResponse.Status,
        since start: ContinuousClock.Instant
    ) {
        record(route: context.endpointPath ?? "NotFound", method, status: status, since: start)
    }

    /// One request answered with `status`, counted under `route` (a router pattern), method and status, and timed.
    func record(
        route: String, _ method: HTTPRequest.Method, status: HTTPResponse.Status, since start: ContinuousClock.Instant
    ) {
        let key = Series(route: route, method: method, status: status.code)
        let instruments = series.withLock { known in
            if let instruments = known[key] { return instruments }
            let dimensions = [
                ("http.route", key.route), ("http.request.method", key.method.rawValue),
                ("http.response.status_code", String(key.status)),
            ]
            let made = Instruments(
                requests: Counter(label: "hb.requests", dimensions: dimensions),
                duration: Timer(
                    label: "http.server.request.duration", dimensions: dimensions, preferredDisplayUnit: .seconds))
            known[key] = made
            return made
        }
        instruments.requests.increment()
        let elapsed = (ContinuousClock.now - start).components
        instruments.duration.recordNanoseconds(elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000)
    }
}
