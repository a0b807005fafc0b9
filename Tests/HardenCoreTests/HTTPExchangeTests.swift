import Foundation
import HardenTestSupport
import Testing

@testable import HardenCore

/// The registry client's HTTP exchange against a real distribution registry on a loopback port.
@Suite("HTTP exchange", .enabled(if: TestRegistry.available))
struct HTTPExchangeTests {
    @Test func aSlowReaderHoldsTheTransferBackToTheWindow() throws {
        let registry = try TestRegistry()
        let blob = try RegistryTestImage.randomLayer(megabytes: 12)
        let digest = try registry.push(blob: blob, to: "test/window")
        let transport = try HTTPTransport(environment: [:])
        let url = try #require(URL(string: "http://\(registry.host)/v2/test/window/blobs/\(digest)"))
        let exchange = transport.get(url, headers: [])
        #expect(try exchange.awaitResponse().status.code == 200)
        var received = 0
        var hasher = SHA256()
        while true {
            let bytes = try exchange.read(upTo: 256 << 10)
            if bytes.isEmpty { break }
            received += bytes.count
            hasher.update(bytes)
            // Slower than loopback: without the window the whole blob would be waiting here.
            Thread.sleep(forTimeInterval: 0.002)
        }
        #expect(received == blob.count)
        #expect("sha256:" + hasher.finalizeHex() == digest)
        #expect(exchange.peakBuffered <= 2 * HTTPExchange.window, "\(exchange.peakBuffered) bytes waited")
    }

    @Test func aRefusedConnectionIsSaidInOneLine() throws {
        let transport = try HTTPTransport(environment: [:])
        let exchange = transport.get(try #require(URL(string: "http://127.0.0.1:1/v2/")), headers: [])
        #expect(throws: ImageError.registryUnreachable(registry: "127.0.0.1:1", reason: "connection refused")) {
            try exchange.awaitResponse()
        }
    }
}
