import Foundation
import Hummingbird

/// One line per request on standard output: time, method, target, status, duration.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let log: AccessLog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        log.write(
            "\(Date().formatted(.iso8601)) \(request.method) \(request.uri) \(response.status.code) \(String(format: "%.2f", milliseconds))ms"
        )
        return response
    }
}

/// Where access-log lines go; tests pass a silent one.
public struct AccessLog: Sendable {
    let write: @Sendable (String) -> Void

    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    public static let standardOutput = AccessLog { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    public static let silent = AccessLog { _ in }
}
