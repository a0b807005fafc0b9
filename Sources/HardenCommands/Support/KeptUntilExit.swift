import Foundation

/// Objects a process keeps until it exits: never released, since the exit reclaims them at no cost.
///
/// A knowledge base released at the end of a command disposes of GRDB's Dispatch queue, and disposing of a queue
/// starts a Dispatch worker thread, which the exit then has to tear down: measured, 0.6 ms and 1.6 M instructions of
/// a 7 ms `harden resolve`, for a read-only file that the exit closes anyway. The process's context keeps the
/// knowledge bases its command opens here; a test's context keeps nothing, so each test's knowledge base is closed.
public final class KeptUntilExit: @unchecked Sendable {
    /// What the running harden process keeps.
    public static let process = KeptUntilExit()

    private let lock = NSLock()
    private var objects: [AnyObject] = []

    public init() {}

    /// How many objects are kept.
    public var count: Int { lock.withLock { objects.count } }

    func keep(_ object: AnyObject) {
        lock.withLock { objects.append(object) }
    }
}
