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
    /// Writes out whatever is buffered; called when the server stops.
    public let flush: @Sendable () -> Void

    public init(write: @escaping @Sendable (String) -> Void, flush: @escaping @Sendable () -> Void = {}) {
        self.write = write
        self.flush = flush
    }

    /// A log to standard output, buffered: lines are written in batches of up to 64 KiB and at least once a second
    /// (a background task per log; make one per server), so that
    /// logging costs no system call per request.
    public static func bufferedStandardOutput() -> AccessLog {
        let buffer = LineBuffer()
        Task.detached {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                buffer.flush()
            }
        }
        return AccessLog(write: { buffer.append($0) }, flush: { buffer.flush() })
    }

    public static let silent = AccessLog { _ in }
}

/// Lines collected under a lock and written to standard output together.
final class LineBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = Data()
    private static let limit = 64 << 10

    func append(_ line: String) {
        let full: Data? = lock.withLock {
            pending.append(contentsOf: Array((line + "\n").utf8))
            guard pending.count >= Self.limit else { return nil }
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        if let full { FileHandle.standardOutput.write(full) }
    }

    func flush() {
        let data: Data = lock.withLock {
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        if !data.isEmpty { FileHandle.standardOutput.write(data) }
    }
}
