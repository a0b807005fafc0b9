/// A blob read from a registry as it downloads, never held whole (`HTTPExchange` holds back the network while the
/// reader lags). Refused past `limit` bytes; `finished` hears the byte count once, at the end.
final class RegistryBlobStream: ByteStream {
    private let digest: String
    private let limit: Int
    private let finished: (Int) -> Void
    private let exchange: HTTPExchange
    private var offset = 0
    private var ended = false

    init(client: RegistryClient, digest: String, limit: Int, finished: @escaping (Int) -> Void) throws(ImageError) {
        self.digest = digest
        self.limit = limit
        self.finished = finished
        exchange = try client.blob(digest)
    }

    /// A reader that stops early (a layer that does not parse) lets the transfer go with it.
    deinit { if !ended { exchange.cancel() } }

    func read(upTo count: Int) throws(ImageError) -> [UInt8] {
        let bytes = try exchange.read(upTo: count)
        guard !bytes.isEmpty else {
            if !ended {
                ended = true
                finished(offset)
            }
            return []
        }
        offset += bytes.count
        guard offset <= limit else {
            exchange.cancel()
            throw .overLimit("blob \(Quoted.brief(digest, limit: 20)) is over \(limit >> 20) MiB")
        }
        return bytes
    }
}

/// Bytes already in memory, as a stream: a manifest read whole.
final class MemoryStream: ByteStream {
    private var bytes: ArraySlice<UInt8>

    init(_ bytes: [UInt8]) { self.bytes = bytes[...] }

    func read(upTo limit: Int) throws(ImageError) -> [UInt8] {
        let head = bytes.prefix(limit)
        bytes = bytes.dropFirst(head.count)
        return Array(head)
    }
}
