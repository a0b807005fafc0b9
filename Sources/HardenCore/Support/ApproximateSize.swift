import Foundation

/// The heap a model value holds, estimated by walking it: string and data bytes plus a fixed charge per stored
/// field and element. Used to bound memos in bytes; it runs once per stored value, never on a hit.
public enum ApproximateSize {
    /// The charge for one field, element or small value (an inline word plus bookkeeping, rounded up).
    static let slot = 16

    public static func of(_ value: Any) -> Int {
        of(value, depth: 0)
    }

    private static func of(_ value: Any, depth: Int) -> Int {
        switch value {
        case let string as String: return slot + string.utf8.count
        case let data as Data: return slot + data.count
        case is Int, is Double, is Bool, is Float, is UInt16, is Int32, is UInt32, is Int64, is UInt64: return slot
        default: break
        }
        // Model values are shallow; a deeper walk means a cycle through a class, which is charged as one slot.
        guard depth < 32 else { return slot }
        return Mirror(reflecting: value).children.reduce(slot) { total, child in
            total + of(child.value, depth: depth + 1)
        }
    }
}
