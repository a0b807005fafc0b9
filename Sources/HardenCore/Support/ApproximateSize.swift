/// The heap a model value holds, estimated from what it encodes: string bytes plus a fixed charge per field,
/// element and value. Used to bound memos in bytes; it runs once per stored value, never on a hit. It reads the
/// value through `Encodable`, which costs a small fraction of walking it by reflection.
public enum ApproximateSize {
    /// The charge for one field, element or small value (an inline word plus bookkeeping, rounded up).
    static let slot = 16

    public static func of(_ value: some Encodable) -> Int {
        let counter = ByteCounter()
        // Counting never fails; a value whose own encoding throws is charged what was counted until then.
        do { try value.encode(to: counter) } catch {}
        return counter.bytes
    }
}

/// An encoder that keeps nothing but a running total of `ApproximateSize`'s charges.
private final class ByteCounter: Encoder, SingleValueEncodingContainer {
    var bytes = 0
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        bytes += ApproximateSize.slot
        return KeyedEncodingContainer(Keyed(counter: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        bytes += ApproximateSize.slot
        return Unkeyed(counter: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() { bytes += ApproximateSize.slot }
    func encode(_ value: Bool) { bytes += ApproximateSize.slot }
    func encode(_ value: String) { bytes += ApproximateSize.slot + value.utf8.count }
    func encode(_ value: Double) { bytes += ApproximateSize.slot }
    func encode(_ value: Float) { bytes += ApproximateSize.slot }
    func encode(_ value: Int) { bytes += ApproximateSize.slot }
    func encode(_ value: Int8) { bytes += ApproximateSize.slot }
    func encode(_ value: Int16) { bytes += ApproximateSize.slot }
    func encode(_ value: Int32) { bytes += ApproximateSize.slot }
    func encode(_ value: Int64) { bytes += ApproximateSize.slot }
    func encode(_ value: UInt) { bytes += ApproximateSize.slot }
    func encode(_ value: UInt8) { bytes += ApproximateSize.slot }
    func encode(_ value: UInt16) { bytes += ApproximateSize.slot }
    func encode(_ value: UInt32) { bytes += ApproximateSize.slot }
    func encode(_ value: UInt64) { bytes += ApproximateSize.slot }
    func encode(_ value: some Encodable) throws { try value.encode(to: self) }

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let counter: ByteCounter
        var codingPath: [any CodingKey] { [] }

        func encodeNil(forKey key: Key) { counter.encodeNil() }
        /// Every value, primitives included, reaches the counter's single-value container through its own encoding.
        func encode(_ value: some Encodable, forKey key: Key) throws { try value.encode(to: counter) }
        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        { counter.container(keyedBy: keyType) }
        func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { counter.unkeyedContainer() }
        func superEncoder() -> any Encoder { counter }
        func superEncoder(forKey key: Key) -> any Encoder { counter }
    }

    private struct Unkeyed: UnkeyedEncodingContainer {
        let counter: ByteCounter
        var codingPath: [any CodingKey] { [] }
        var count = 0

        mutating func encodeNil() {
            count += 1
            counter.encodeNil()
        }
        mutating func encode(_ value: some Encodable) throws {
            count += 1
            try value.encode(to: counter)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
            -> KeyedEncodingContainer<NestedKey>
        {
            count += 1
            return counter.container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            count += 1
            return counter.unkeyedContainer()
        }
        mutating func superEncoder() -> any Encoder { counter }
    }
}
