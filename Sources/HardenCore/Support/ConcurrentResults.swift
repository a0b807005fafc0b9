import Foundation

/// Slots that concurrent workers fill by index, read back in order once they are done.
public final class ConcurrentResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    public init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    public func set(_ index: Int, _ value: Value) {
        lock.withLock { slots[index] = value }
    }

    public var values: [Value] { lock.withLock { slots.compactMap { $0 } } }
}
