import Dispatch
import Foundation
import HTTPTypes
import Hummingbird

/// Where CPU-heavy request work (generate, audit, resolve batches) runs: on threads of its own, never on Swift's
/// cooperative pool, so that health checks and cheap routes keep answering while it runs.
///
/// Three bounds protect the service. At most `capacity` jobs run at once, and together they reserve at most
/// `memoryBudget` bytes (each job its estimate, `reservation(forBody:)`); past either a request is refused at once
/// with 429 and Retry-After. And each job has a deadline: at the deadline the client gets a 503 while the
/// abandoned work finishes on its thread (its input is capped, so it ends soon) and keeps its slot and its
/// reservation until then, which keeps the memory of abandoned work inside the same bounds.
final class HeavyWork: Sendable {
    /// How long one request's work may take.
    static let defaultDeadline: Duration = .seconds(10)
    /// What heavy work may hold at once, above the service's own memory (about 42 MB with the shipped knowledge
    /// base): with it, the deployment's 128 MiB limit holds under any mix of requests.
    static let defaultMemoryBudget = 64 << 20

    /// The bytes a job on a request body of `bodyBytes` reserves: measured, a 1 MiB audit (3,245 objects, findings
    /// capped) raised the peak by 9 MB, so ten times the body plus a megabyte for the answer and the bookkeeping.
    static func reservation(forBody bodyBytes: Int) -> Int {
        (1 << 20) + 10 * bodyBytes
    }

    /// The reservation of a request whose body is not read yet: by its Content-Length, or as the largest body
    /// allowed when it declares none (chunked).
    static func reservation(for request: Request, maxBodyBytes: Int) -> Int {
        let declared = request.headers[.contentLength].flatMap { Int($0) } ?? maxBodyBytes
        return reservation(forBody: min(max(0, declared), maxBodyBytes))
    }

    let capacity: Int
    let memoryBudget: Int
    let deadline: Duration
    private let running = Reservations()
    private let timers = DispatchQueue(label: "harden.heavy-work.deadlines")

    init(
        capacity: Int = 4 * max(1, ProcessInfo.processInfo.activeProcessorCount),
        memoryBudget: Int = defaultMemoryBudget, deadline: Duration = defaultDeadline
    ) {
        self.capacity = capacity
        self.memoryBudget = memoryBudget
        self.deadline = deadline
    }

    /// Jobs running now, abandoned ones included.
    var runningCount: Int { running.jobs }
    /// Bytes reserved by the jobs running now.
    var reservedBytes: Int { running.bytes }

    /// A place for one job, taken before its request body is read so that a refused request never holds its body:
    /// `bytes` of the memory budget (cut to the whole budget, so any one request can run when the service is idle)
    /// and one of `capacity` threads, both given back when the job ends or when the admission is dropped unused.
    func admit(reserving bytes: Int = reservation(forBody: 0)) throws -> Admission {
        let reserved = min(bytes, memoryBudget)
        switch running.reserve(reserved, jobLimit: capacity, byteLimit: memoryBudget) {
        case .reserved: return Admission(bytes: reserved, from: running)
        case .tooManyJobs:
            throw APIError(
                status: .tooManyRequests, code: "busy",
                message: "the service is running \(capacity) heavy requests; retry in a second", retryAfter: 1)
        case .overMemoryBudget:
            throw APIError(
                status: .tooManyRequests, code: "busy",
                message:
                    "the service's heavy requests are using its memory budget; retry in a second, or send less at once",
                retryAfter: 1)
        }
    }

    /// Admits and runs `work` (see `run(_:_:)`).
    func run<T: Sendable>(reserving bytes: Int = reservation(forBody: 0), _ work: @escaping @Sendable () throws -> T)
        async throws -> T
    {
        try await run(try admit(reserving: bytes), work)
    }

    /// Runs `work` on a thread of its own under `admission`; the answer comes at the deadline at the latest.
    func run<T: Sendable>(_ admission: Admission, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        let deadline = self.deadline
        return try await withCheckedThrowingContinuation { continuation in
            let answer = AnswerOnce(continuation)
            // A thread of its own per job, not a Dispatch queue: CPU-bound blocks on a concurrent queue starved the
            // async request handlers on this 2-core machine (measured: /healthz waited 1.3 s and no request got
            // its 429 under sixteen 1 MiB audits). `capacity` bounds the number of these threads.
            let thread = Thread {
                let result = Result { try work() }
                admission.release()
                answer.resume(with: result)
            }
            thread.name = "harden.heavy-work"
            thread.start()
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

/// One job's place in `HeavyWork`, given back once.
final class Admission: @unchecked Sendable {
    private let lock = NSLock()
    private var holds = true
    private let bytes: Int
    private let reservations: Reservations

    fileprivate init(bytes: Int, from reservations: Reservations) {
        self.bytes = bytes
        self.reservations = reservations
    }

    func release() {
        guard
            lock.withLock({ () -> Bool in
                defer { holds = false }
                return holds
            })
        else { return }
        reservations.release(bytes)
    }

    deinit { release() }
}

/// The jobs running and the bytes they reserved, shared across threads.
private final class Reservations: @unchecked Sendable {
    enum Outcome {
        case reserved
        case tooManyJobs
        case overMemoryBudget
    }

    private let lock = NSLock()
    private var runningJobs = 0
    private var reservedBytes = 0

    var jobs: Int { lock.withLock { runningJobs } }
    var bytes: Int { lock.withLock { reservedBytes } }

    func reserve(_ bytes: Int, jobLimit: Int, byteLimit: Int) -> Outcome {
        lock.withLock {
            guard runningJobs < jobLimit else { return .tooManyJobs }
            guard reservedBytes + bytes <= byteLimit else { return .overMemoryBudget }
            runningJobs += 1
            reservedBytes += bytes
            return .reserved
        }
    }

    func release(_ bytes: Int) {
        lock.withLock {
            runningJobs -= 1
            reservedBytes -= bytes
        }
    }
}

extension Duration {
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
