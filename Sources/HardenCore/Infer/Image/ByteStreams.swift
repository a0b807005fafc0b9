import CZlib
import Foundation

/// Bytes read in order, a chunk at a time: how layers travel from a file (or a region of an archive) through a
/// digest check and decompression into the tar reader, never held whole and never written to disk.
protocol ByteStream: AnyObject {
    /// The next bytes, at most `limit`; empty at the end.
    func read(upTo limit: Int) throws(ImageError) -> [UInt8]
}

extension ByteStream {
    /// Exactly `count` bytes, or fewer only at the end of the stream.
    func read(exactly count: Int) throws(ImageError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            let chunk = try read(upTo: count - bytes.count)
            if chunk.isEmpty { break }
            bytes += chunk
        }
        return bytes
    }

    /// Reads and drops `count` bytes; false when the stream ended first.
    func skip(_ count: Int) throws(ImageError) -> Bool {
        var left = count
        while left > 0 {
            let chunk = try read(upTo: min(left, 1 << 16))
            if chunk.isEmpty { return false }
            left -= chunk.count
        }
        return true
    }
}

/// Counts the bytes read through it: where each member of an archive starts.
final class CountingStream: ByteStream {
    private let source: any ByteStream
    private(set) var count = 0

    init(_ source: any ByteStream) { self.source = source }

    func read(upTo limit: Int) throws(ImageError) -> [UInt8] {
        let bytes = try source.read(upTo: limit)
        count += bytes.count
        return bytes
    }
}

/// A region of a file: a whole blob, or a member of an uncompressed archive.
final class FileRegionStream: ByteStream {
    private let handle: FileHandle
    private var left: Int
    private let path: String

    init(path: String, offset: Int = 0, length: Int? = nil) throws(ImageError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(path: path, reason: "no such file, or permission denied")
        }
        do {
            let size = Int(try handle.seekToEnd())
            try handle.seek(toOffset: UInt64(offset))
            self.left = length.map { min($0, size - offset) } ?? size - offset
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        self.handle = handle
        self.path = path
    }

    deinit { try? handle.close() }

    func read(upTo limit: Int) throws(ImageError) -> [UInt8] {
        guard left > 0 else { return [] }
        do {
            let data = try handle.read(upToCount: min(limit, left, 1 << 20)) ?? Data()
            left -= data.count
            if data.isEmpty { left = 0 }
            return [UInt8](data)
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
    }
}

/// Passes bytes through and, at their end, checks that they hash to the digest that names them (`sha256:...`).
final class DigestCheckingStream: ByteStream {
    private let source: any ByteStream
    private let digest: String
    private var hasher = SHA256()
    private var checked = false

    init(_ source: any ByteStream, digest: String) throws(ImageError) {
        guard digest.hasPrefix("sha256:"), digest.utf8.count == 71 else {
            throw .malformed("digest \(Quoted.brief(digest, limit: 80)) is not sha256:<64 hex digits>")
        }
        self.source = source
        self.digest = digest
    }

    func read(upTo limit: Int) throws(ImageError) -> [UInt8] {
        let bytes = try source.read(upTo: limit)
        if bytes.isEmpty {
            if !checked {
                checked = true
                let actual = hasher.finalizeHex()
                guard "sha256:" + actual == digest else { throw .digestMismatch(blob: digest, actual: actual) }
            }
        } else {
            hasher.update(bytes)
        }
        return bytes
    }
}

/// gzip decompression through the system's zlib, bounded: a layer that inflates past `limit` bytes is refused (a
/// gzip bomb takes bounded time and no memory beyond one chunk).
final class GunzipStream: ByteStream {
    private let source: any ByteStream
    private var stream = z_stream()
    private var input: [UInt8] = []
    private var finished = false
    private var produced = 0
    private let limit: Int
    private let name: String

    init(_ source: any ByteStream, limit: Int, name: String) throws(ImageError) {
        self.source = source
        self.limit = limit
        self.name = name
        // 15 + 32: a zlib or gzip header, detected.
        let status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw .malformed("zlib could not start (\(status))") }
    }

    deinit { inflateEnd(&stream) }

    func read(upTo limit: Int) throws(ImageError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: min(limit, 1 << 16))
        while !finished {
            if input.isEmpty {
                input = try source.read(upTo: 1 << 16)
                if input.isEmpty { throw .malformed("layer \(name) ends inside its gzip stream") }
            }
            let (status, consumed, written) = input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_in = inBuffer.baseAddress
                    stream.avail_in = UInt32(inBuffer.count)
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = UInt32(outBuffer.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (
                        status, inBuffer.count - Int(stream.avail_in), outBuffer.count - Int(stream.avail_out)
                    )
                }
            }
            input.removeFirst(consumed)
            switch status {
            case Z_STREAM_END: finished = true
            case Z_OK, Z_BUF_ERROR: break
            default: throw .malformed("layer \(name) is not valid gzip (zlib status \(status))")
            }
            produced += written
            guard produced <= self.limit else {
                throw .overLimit("layer \(name) inflates past \(self.limit >> 20) MiB")
            }
            if written > 0 { return Array(output.prefix(written)) }
        }
        return []
    }
}
