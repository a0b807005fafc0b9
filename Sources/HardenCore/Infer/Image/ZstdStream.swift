import CZstd

/// A zstd-compressed layer (`+zstd`, what podman and containerd write when asked to), decompressed as it is read and
/// stopped past `limit` bytes. A frame may not ask for a window over 128 MiB (zstd's own default cap), so a hostile
/// header cannot make the decoder allocate more.
final class ZstdStream: ByteStream {
    private let source: any ByteStream
    private let context: OpaquePointer
    private var input: [UInt8] = []
    private var consumed = 0
    private var sourceEnded = false
    /// Whether the last frame read was decoded and flushed to its end.
    private var frameComplete = false
    private var produced = 0
    private let limit: Int
    private let name: String

    init(_ source: any ByteStream, limit: Int, name: String) throws(ImageError) {
        guard let context = ZSTD_createDCtx() else { throw .malformed("zstd could not start") }
        ZSTD_DCtx_setParameter(context, ZSTD_d_windowLogMax, 27)
        self.source = source
        self.context = context
        self.limit = limit
        self.name = name
    }

    deinit { ZSTD_freeDCtx(context) }

    func read(upTo limit: Int) throws(ImageError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: min(limit, 1 << 16))
        while true {
            if consumed == input.count && !sourceEnded {
                input = try source.read(upTo: 1 << 16)
                consumed = 0
                sourceEnded = input.isEmpty
            }
            if sourceEnded && frameComplete { return [] }
            let (result, read, written) = decompress(into: &output)
            if ZSTD_isError(result) != 0 {
                let reason = String(cString: ZSTD_getErrorName(result))
                throw .malformed("layer \(name) is not valid zstd (\(reason))")
            }
            consumed += read
            frameComplete = result == 0
            produced += written
            guard produced <= self.limit else {
                throw .overLimit("layer \(name) decompresses past \(self.limit >> 20) MiB")
            }
            if written > 0 { return Array(output.prefix(written)) }
            if sourceEnded && !frameComplete { throw .malformed("layer \(name) ends inside its zstd stream") }
        }
    }

    /// One step of the decoder over the unread input: its result, the bytes it read and the bytes it wrote.
    private func decompress(into output: inout [UInt8]) -> (result: Int, read: Int, written: Int) {
        input.withUnsafeBytes { inBytes in
            output.withUnsafeMutableBytes { outBytes in
                var inBuffer = ZSTD_inBuffer(src: inBytes.baseAddress, size: inBytes.count, pos: consumed)
                var outBuffer = ZSTD_outBuffer(dst: outBytes.baseAddress, size: outBytes.count, pos: 0)
                let result = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
                return (result, inBuffer.pos - consumed, outBuffer.pos)
            }
        }
    }
}
