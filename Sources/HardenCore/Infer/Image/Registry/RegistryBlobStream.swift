/// A blob read from a registry as it downloads, never held whole: where the exchange stopped early (its buffer
/// full), the rest is asked for with a Range request. Refused past `limit` bytes; `finished` hears the byte count
/// once, at the end.
final class RegistryBlobStream: ByteStream {
    private let client: RegistryClient
    private let digest: String
    private let limit: Int
    private let finished: (Int) -> Void
    private var exchange: HTTPExchange
    private var offset = 0
    private var ended = false

    init(client: RegistryClient, digest: String, limit: Int, finished: @escaping (Int) -> Void) throws(ImageError) {
        self.client = client
        self.digest = digest
        self.limit = limit
        self.finished = finished
        exchange = try client.blob(digest, from: 0).0
    }

    func read(upTo count: Int) throws(ImageError) -> [UInt8] {
        while true {
            let bytes = try exchange.read(upTo: count)
            if !bytes.isEmpty {
                offset += bytes.count
                guard offset <= limit else {
                    exchange.cancel()
                    throw .overLimit("blob \(Quoted.brief(digest, limit: 20)) is over \(limit >> 20) MiB")
                }
                return bytes
            }
            guard exchange.stoppedEarly else {
                if !ended {
                    ended = true
                    finished(offset)
                }
                return []
            }
            let (next, partial) = try client.blob(digest, from: offset)
            guard partial else {
                next.cancel()
                throw .registryFailed(
                    registry: client.registry, status: 200,
                    detail: "it ignored the Range request resuming blob \(Quoted.brief(digest, limit: 20))")
            }
            exchange = next
        }
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
