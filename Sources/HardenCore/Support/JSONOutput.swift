import Foundation

/// JSON as every harden surface writes it (CLI and HTTP): sorted keys, so that the bytes are stable.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = true) throws -> Data {
        try encoder(pretty: pretty).encode(value)
    }

    /// An encoder set up as `encode` sets one up, for encoding many values.
    static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// The one long array of a pretty-printed JSON document, written a few elements at a time so that it is never
/// held whole (an audit's findings in a large repository run to tens of megabytes). Each element is encoded as
/// `JSONOutput` encodes it and indented to the array's depth, so the document reads as if encoded at once.
public struct JSONArrayStream {
    /// How deep the array's elements sit: 2 for the elements of `{"key": [...]}`.
    public let depth: Int
    private var written = 0

    public init(depth: Int) {
        self.depth = depth
    }

    /// Hands `write` the text of `values`, each after its separator. Elements are encoded on every core, a few
    /// hundred at a time, and each round is written before the next is encoded.
    public mutating func write<Element: Encodable & Sendable>(
        _ values: [Element], to write: (String) -> Void
    ) throws {
        try self.write(values, as: { $0 }, to: write)
    }

    /// Hands `write` the text of each of `values` made into an element by `element`, which runs as each is
    /// encoded: the elements are never all made at once.
    public mutating func write<Value: Sendable, Element: Encodable>(
        _ values: [Value], as element: @Sendable (Value) -> Element, to write: (String) -> Void
    ) throws {
        let partSize = 128
        let roundSize = partSize * ProcessInfo.processInfo.activeProcessorCount * 2
        let depth = depth
        for roundStart in stride(from: 0, to: values.count, by: roundSize) {
            let round = values[roundStart..<min(values.count, roundStart + roundSize)]
            let count = (round.count + partSize - 1) / partSize
            let parts = ConcurrentResults<Result<String, any Error>>(count: count)
            let first = written == 0
            DispatchQueue.concurrentPerform(iterations: count) { part in
                parts.set(
                    part,
                    Result {
                        let encoder = JSONOutput.encoder(pretty: true)
                        var text = ""
                        let start = round.startIndex + part * partSize
                        for index in start..<min(round.endIndex, start + partSize) {
                            text += first && index == 0 ? "\n" : ",\n"
                            let encoded = try encoder.encode(element(round[index]))
                            text += Self.indented(String(decoding: encoded, as: UTF8.self), depth: depth)
                        }
                        return text
                    })
            }
            for part in parts.values { write(try part.get()) }
            written += round.count
        }
    }

    /// The text that closes the array (an empty one reads `[\n\n  ]`, as Foundation prints it), then the other keys
    /// of the object the array is a value of: `rest`'s, encoded as `JSONOutput` encodes it, at that object's depth.
    public func close(continuingWith rest: some Encodable) throws -> String {
        let closing = (written == 0 ? "\n\n" : "\n") + String(repeating: "  ", count: depth - 1) + "]"
        let objectDepth = depth - 2
        let keys = Self.indented(String(decoding: try JSONOutput.encode(rest), as: UTF8.self), depth: objectDepth)
        // `rest`'s own "{" is the one already open around the array.
        return closing + "," + keys.dropFirst(2 * objectDepth + 1)
    }

    /// `text` with every line indented by `depth` levels (JSON strings hold no raw newline, so every "\n" in
    /// encoded JSON starts a line).
    private static func indented(_ text: String, depth: Int) -> String {
        let indent = Array(repeating: UInt8(ascii: " "), count: 2 * depth)
        var bytes: [UInt8] = indent
        bytes.reserveCapacity(text.utf8.count * 5 / 4)
        for byte in text.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\n") { bytes += indent }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
