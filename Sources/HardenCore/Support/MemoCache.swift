import Foundation

/// A thread-safe memo of answers from an immutable source (a knowledge base never changes once opened).
///
/// Bounded in bytes, not entries: each answer is charged its key and its `cost`, and when the next answer would
/// pass `byteBudget` the memo starts over. A count bound is not enough: 50,000 memoised resolve answers of a few
/// kilobytes each once held 350 MB.
public final class MemoCache<Value: Sendable>: @unchecked Sendable {
    /// What a dictionary slot and a key's heap string cost beyond the key's bytes, roughly.
    static var slotOverhead: Int { 64 }

    private let lock = NSLock()
    private var values: [String: Value] = [:]
    private var bytes = 0
    private let byteBudget: Int
    private let cost: @Sendable (Value) -> Int

    /// - Parameters:
    ///   - byteBudget: the most the memo holds, in bytes of keys and values.
    ///   - cost: the bytes one value holds (its estimate is charged once, when it is stored).
    public init(byteBudget: Int, cost: @escaping @Sendable (Value) -> Int) {
        self.byteBudget = byteBudget
        self.cost = cost
    }

    /// Bytes charged to the values held now.
    public var heldBytes: Int { lock.withLock { bytes } }

    /// The memoised value for `key`, if there is one; never computes.
    public func cached(for key: String) -> Value? {
        lock.withLock { values[key] }
    }

    /// The memoised value for `key`, computing and storing it on a miss. A value larger than the whole budget is
    /// returned without being stored.
    public func value<E: Error>(for key: String, compute: () throws(E) -> Value) throws(E) -> Value {
        if let hit = lock.withLock({ values[key] }) { return hit }
        let computed = try compute()
        let charge = Self.slotOverhead + key.utf8.count + cost(computed)
        guard charge <= byteBudget else { return computed }
        lock.withLock {
            guard values[key] == nil else { return }
            if bytes + charge > byteBudget {
                values.removeAll()
                bytes = 0
            }
            values[key] = computed
            bytes += charge
        }
        return computed
    }
}

extension MemoCache where Value == Data {
    /// A memo of encoded answers, charged their length.
    public convenience init(byteBudget: Int) {
        self.init(byteBudget: byteBudget) { $0.count }
    }
}
