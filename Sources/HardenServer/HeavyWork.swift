import Dispatch
import Foundation

/// Where CPU-heavy request work (generate, audit, resolve batches) runs: on threads of its own, never on Swift's
/// cooperative pool, so that health checks and cheap routes keep answering while it runs.
///
/// Two bounds protect the service. At most `capacity` jobs run at once; past that a request is refused at once
/// with 429 and Retry-After. And each job has a deadline: at the deadline the client gets a 503 while the
/// abandoned work finishes on its thread (its input is capped, so it ends soon) and keeps its slot until then,
/// which keeps the memory of abandoned work inside the same bound.
final class HeavyWork: Sendable {
    /// How long one request's work may take.
    static let defaultDeadline: Duration = .seconds(10)

    let capacity: Int
    let deadline: Duration
    private let running = LockedCounter()
    private let workers = DispatchQueue(label: "harden.heavy-work", attributes: .concurrent)
    private let timers = DispatchQueue(label: "harden.heavy-work.deadlines")

    init(capacity: Int = 4 * max(1, ProcessInfo.processInfo.activeProcessorCount), deadline: Duration = defaultDeadline)
    {
        self.capacity = capacity
        self.deadline = deadline
    }

    /// Jobs running now, abandoned ones included.
    var runningCount: Int { running.value }

    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        guard running.increment(upTo: capacity) else {
            throw APIError(
                status: .tooManyRequests, code: "busy",
                message: "the service is running \(capacity) heavy requests; retry in a second", retryAfter: 1)
        }
        let deadline = self.deadline
        return try await withCheckedThrowingContinuation { continuation in
            let answer = AnswerOnce(continuation)
            workers.async {
                let result = Result { try work() }
                self.running.decrement()
                answer.resume(with: result)
            }
            timers.asyncAfter(deadline: .now() + deadline.timeInterval) {
                answer.resume(
                    with: .failure(
                        APIError(
                            status: .serviceUnavailable, code: "timeout",
                            message: "the request took longer than \(deadline); send less at once")))
            }
        }
    }
}

/// A continuation resumed by whichever of the work and its deadline comes first; the other is ignored.
private final class AnswerOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?

    init(_ continuation: CheckedContinuation<T, any Error>) {
        self.continuation = continuation
    }

    func resume(with result: Result<T, any Error>) {
        let pending = lock.withLock { () -> CheckedContinuation<T, any Error>? in
            defer { continuation = nil }
            return continuation
        }
        pending?.resume(with: result)
    }
}

/// A counter with a ceiling, shared across threads.
private final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var value: Int { lock.withLock { count } }

    func increment(upTo ceiling: Int) -> Bool {
        lock.withLock {
            guard count < ceiling else { return false }
            count += 1
            return true
        }
    }

    func decrement() {
        lock.withLock { count -= 1 }
    }
}

extension Duration {
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
