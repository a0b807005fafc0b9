import Foundation

/// A thread-safe memo of answers from an immutable source (a knowledge base never changes once opened).
/// Bounded: when full it starts over, which keeps memory flat for any number of distinct keys.
public final class MemoCache<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Value] = [:]
    private let capacity: Int

    public init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The memoised value for `key`, computing and storing it on a miss.
    public func value<E: Error>(for key: String, compute: () throws(E) -> Value) throws(E) -> Value {
        if let hit = lock.withLock({ values[key] }) { return hit }
        let computed = try compute()
        lock.withLock {
            if values.count >= capacity { values.removeAll(keepingCapacity: true) }
            values[key] = computed
        }
        return computed
    }
}
