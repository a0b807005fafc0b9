import Foundation

/// A value computed on first use and kept, thread-safe: what an open knowledge base reads once (its names, its
/// mirrors) because the database never changes while it is open. A failed computation is not kept; the next use
/// tries again.
final class ReadOnce<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?

    /// The value if it has been computed, without computing it.
    var computed: Value? {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func get<E: Error>(_ compute: () throws(E) -> Value) throws(E) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let computed = try compute()
        value = computed
        return computed
    }
}
