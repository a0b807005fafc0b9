import Foundation

/// A thread-safe memo of answers from an immutable source (a knowledge base never changes once opened).
///
/// Bounded in bytes, not entries: each answer is charged its key and its `cost`, and when the next answer would
/// pass `byteBudget` the memo starts over. A count bound is not enough: 50,000 memoised resolve answers of a few
/// kilobytes each once held 350 MB.
///
/// An answer is kept the second time its key is asked for, not the first: an answer asked for once, as every answer
/// of a one-shot command is, costs neither memory nor its `cost` estimate (a tenth of a `harden resolve`, spent on
/// the runtime's first look at every type the estimate walks). The keys asked for once are charged to the budget.
public final class MemoCache<Value: Sendable>: @unchecked Sendable {
    /// What a dictionary slot and a key's heap string cost beyond the key's bytes, roughly.
    static var slotOverhead: Int { 64 }

    private let lock = NSLock()
    private var values: [String: Value] = [:]
    private var askedOnce: Set<String> = []
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

    /// The memoised value for `key`, computing it on a miss and storing it on the second. A value larger than the
    /// whole budget is returned without being stored.
    public func value<E: Error>(for key: String, compute: () throws(E) -> Value) throws(E) -> Value {
        let keyCharge = Self.slotOverhead + key.utf8.count
        let (hit, askedBefore) = lock.withLock { () -> (Value?, Bool) in
            if let hit = values[key] { return (hit, true) }
            guard askedOnce.insert(key).inserted else { return (nil, true) }
            charge(keyCharge)
            return (nil, false)
        }
        if let hit { return hit }
        let computed = try compute()
        guard askedBefore else { return computed }
        let valueCharge = keyCharge + cost(computed)
        guard valueCharge <= byteBudget else { return computed }
        lock.withLock {
            guard values[key] == nil else { return }
            charge(valueCharge)
            values[key] = computed
        }
        return computed
    }

    /// Adds `amount` to the bytes held, starting over first when it would pass the budget. Under the lock.
    private func charge(_ amount: Int) {
        if bytes + amount > byteBudget {
            values.removeAll()
            askedOnce.removeAll()
            bytes = 0
        }
        bytes += amount
    }
}

extension MemoCache where Value == Data {
    /// A memo of encoded answers, charged their length.
    public convenience init(byteBudget: Int) {
        self.init(byteBudget: byteBudget) { $0.count }
    }
}
