import Foundation
import HardenTestSupport
import Testing

@testable import HardenCore

/// zstd layers, compressed by the zstd tool itself: read whole, across frames, and refused with one line when
/// broken, truncated or too large once decompressed.
@Suite("zstd layers")
struct ZstdLayerTests {
    static func zstd(_ data: [UInt8], _ arguments: [String] = []) throws -> [UInt8] {
        [UInt8](try TestProcess.run("/usr/bin/zstd", ["-q", "-c"] + arguments, input: Data(data)))
    }

    static func decompressed(_ compressed: [UInt8], limit: Int = 1 << 30) throws -> [UInt8] {
        let stream = try ZstdStream(BytesStream(compressed), limit: limit, name: "1 (test)")
        var output: [UInt8] = []
        while true {
            let chunk = try stream.read(upTo: 7_000)
            if chunk.isEmpty { return output }
            output += chunk
        }
    }

    static let text = [UInt8]((0..<200_000).map { "line \($0) of a layer\n" }.joined().utf8)

    @Test func readsWhatTheToolWroteAcrossFrames() throws {
        #expect(try Self.decompressed(try Self.zstd(Self.text)) == Self.text)
        // Two frames back to back, as a concatenating writer leaves them.
        let first = Array(Self.text.prefix(1000))
        let second = Array(Self.text.dropFirst(1000))
        #expect(try Self.decompressed(try Self.zstd(first) + Self.zstd(second)) == Self.text)
    }

    @Test func aTruncatedStreamIsRefused() throws {
        let compressed = try Self.zstd(Self.text)
        #expect {
            _ = try Self.decompressed(Array(compressed.prefix(compressed.count - 10)))
        } throws: { error in
            guard case .malformed(let detail) = error as? ImageError else { return false }
            return detail.contains("ends inside its zstd stream")
        }
    }

    @Test func damagedBytesAreRefused() throws {
        var compressed = try Self.zstd(Self.text)
        for index in stride(from: 20, to: compressed.count, by: 97) { compressed[index] ^= 0x5a }
        #expect {
            _ = try Self.decompressed(compressed)
        } throws: { error in
            guard case .malformed(let detail) = error as? ImageError else { return false }
            return detail.contains("is not valid zstd")
        }
    }

    @Test func aBombStopsAtTheCap() throws {
        let zeros = [UInt8](repeating: 0, count: 32 << 20)
        let compressed = try Self.zstd(zeros, ["-19"])
        #expect(compressed.count < 1 << 16)
        #expect {
            _ = try Self.decompressed(compressed, limit: 4 << 20)
        } throws: { error in
            guard case .overLimit(let detail) = error as? ImageError else { return false }
            return detail.contains("decompresses past 4 MiB")
        }
    }

    @Test func aFrameAskingForAHugeWindowIsRefused() throws {
        // --long=31 makes the frame declare a 2 GiB window, over the decoder's 128 MiB cap.
        let compressed = try Self.zstd(Self.text, ["--long=31"])
        #expect(throws: ImageError.self) { _ = try Self.decompressed(compressed) }
    }
}
