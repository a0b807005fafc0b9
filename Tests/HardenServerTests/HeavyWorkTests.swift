import Foundation
import Testing

@testable import HardenServer

@Suite("Heavy work: deadline, concurrency bound, cooperative pool left free")
struct HeavyWorkTests {
    /// The 503 must come at the deadline, not when the abandoned work ends (it sleeps 3 s here). The waiting task
    /// runs on a thread of its own: the other suites keep Swift's cooperative pool busy, and its scheduling delay
    /// is not what is measured here.
    @Test func slowWorkIsAnsweredAtTheDeadline() async throws {
        let heavy = HeavyWork(capacity: 2, deadline: .milliseconds(100))
        let clock = ContinuousClock()
        let (waited, error) = await withTaskExecutorPreference(DedicatedThreadExecutor()) {
            let start = clock.now
            do {
                _ = try await heavy.run { Thread.sleep(forTimeInterval: 3) }
                return (clock.now - start, nil as APIError?)
            } catch {
                return (clock.now - start, error as? APIError)
            }
        }
        #expect(error?.code == "timeout" && error?.status == .serviceUnavailable)
        #expect(waited < .milliseconds(2_500), "the 503 took \(waited), the work 3 s")
    }

    @Test func quickWorkReturnsItsValue() async throws {
        #expect(try await HeavyWork(capacity: 1, deadline: .seconds(5)).run { 42 } == 42)
    }

    @Test func errorsOfTheWorkReachTheCaller() async throws {
        struct Refused: Error {}
        await #expect(throws: Refused.self) { try await HeavyWork(capacity: 1).run { throw Refused() } }
    }

    /// Past its capacity the pool refuses at once with 429 and Retry-After, and abandoned work keeps its slot.
    @Test func pastCapacityRequestsAreRefusedWithRetryAfter() async throws {
        let heavy = HeavyWork(capacity: 1, deadline: .milliseconds(50))
        let release = DispatchSemaphore(value: 0)
        await #expect(throws: APIError.self) { try await heavy.run { release.wait() } }
        #expect(heavy.runningCount == 1)
        await #expect {
            _ = try await heavy.run { 1 }
        } throws: { error in
            (error as? APIError)?.status == .tooManyRequests && (error as? APIError)?.retryAfter == 1
        }
        release.signal()
        for _ in 0..<200 where heavy.runningCount > 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try await heavy.run { 7 } == 7)
    }

    /// Jobs reserve their estimate of the memory budget: one that would pass it is refused with 429 while the
    /// budget is taken, and runs once it is free again; a job larger than the whole budget still runs alone.
    @Test func pastMemoryBudgetRequestsAreRefused() async throws {
        let heavy = HeavyWork(capacity: 8, memoryBudget: 10 << 20, deadline: Self.notReached)
        let release = DispatchSemaphore(value: 0)
        defer { release.signal() }
        let holder = Task { try await heavy.run(reserving: 8 << 20) { release.wait() } }
        for _ in 0..<500 where heavy.reservedBytes == 0 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(heavy.reservedBytes == 8 << 20)
        await #expect {
            _ = try await heavy.run(reserving: 4 << 20) { 1 }
        } throws: { error in
            (error as? APIError)?.status == .tooManyRequests && (error as? APIError)?.retryAfter == 1
        }
        #expect(try await heavy.run(reserving: 1 << 20) { 2 } == 2, "a job that fits runs beside the holder")
        release.signal()
        try await holder.value
        #expect(heavy.reservedBytes == 0)
        #expect(try await heavy.run(reserving: 100 << 20) { 3 } == 3)
        #expect(heavy.reservedBytes == 0)
    }

    /// Blocking jobs, more than the cooperative pool has threads, must not stall other async work.
    @Test func blockingJobsLeaveTheCooperativePoolFree() async throws {
        let jobs = ProcessInfo.processInfo.activeProcessorCount + 2
        let heavy = HeavyWork(capacity: jobs, deadline: Self.notReached)
        let release = DispatchSemaphore(value: 0)
        defer { for _ in 0..<jobs { release.signal() } }
        let running = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<jobs { group.addTask { try await heavy.run { release.wait() } } }
                try await group.waitForAll()
            }
        }
        for _ in 0..<500 where heavy.runningCount < jobs { try await Task.sleep(for: .milliseconds(5)) }
        #expect(heavy.runningCount == jobs)
        // With every job blocked on its thread, an async task still runs and ends.
        let answered = try await Task {
            try await Task.sleep(for: .milliseconds(10))
            return true
        }.value
        #expect(answered)
        for _ in 0..<jobs { release.signal() }
        try await running.value
    }

    /// The deadline of jobs that block until their test releases them. Between the two, the test awaits on the
    /// cooperative pool, which the other suites' synchronous tests can hold for many seconds (a CI run failed both
    /// tests above with a 10 s deadline); a job past its deadline would answer 503 instead of its value.
    static let notReached: Duration = .seconds(600)
}

/// A task executor with its own serial queue, away from the cooperative pool.
final class DedicatedThreadExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "harden.tests.dedicated")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
