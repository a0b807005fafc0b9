import Foundation
import Hummingbird
import HummingbirdCore
import Logging

/// One info line per request: method, target, status, duration (the handler adds the time).
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        AccessLog.record(request.method, request.uri, response.status, since: start, in: logger)
        return response
    }
}

/// The access log's line, in one place for the middleware and for `MemoisedAnswerHandler`, which answers below it.
enum AccessLog {
    static func record(
        _ method: HTTPRequest.Method, _ uri: URI, _ status: HTTPResponse.Status, since start: ContinuousClock.Instant,
        in logger: Logger
    ) {
        logger.info("\(method) \(uri) \(status.code) \(milliseconds(ContinuousClock.now - start))ms")
    }

    /// `12.34`: the duration in milliseconds with two decimals, in integer arithmetic (`String(format:)` was a
    /// measurable part of every request).
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let hundredths = seconds * 100_000 + attoseconds / 10_000_000_000_000
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
