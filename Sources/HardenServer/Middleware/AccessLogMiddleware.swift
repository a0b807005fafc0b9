import Foundation
import Hummingbird
import Logging

/// One info line per request: method, target, status, duration (the handler adds the time).
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        logger.info(
            "\(request.method) \(request.uri) \(response.status.code) \(String(format: "%.2f", elapsed.timeInterval * 1000))ms"
        )
        return response
    }
}
