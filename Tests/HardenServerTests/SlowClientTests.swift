import Foundation
import HTTPTypes
import HardenServer
import Hummingbird
import HummingbirdTesting
import Testing

/// Slow clients (a byte every few seconds, never idle) are cut at the request deadline, and health still answers.
@Suite("Slow clients")
struct SlowClientTests {
    /// Only raw connections: the framework's own client connects before the body runs and sends nothing until asked,
    /// so the deadline would cut it too.
    @Test func aRequestThatNeverCompletesIsClosedAtTheDeadline() async throws {
        let app = buildApplication(
            service: try sharedService.get(), configuration: .forTests(requestDeadline: .seconds(2)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let slow = try await RawConnection.open(port: port, sending: "GET /healthz HTTP/1.1\r\nHost: x\r\n")
            // Health answers on another connection while the slow one is open.
            let health = try await RawConnection.open(
                port: port, sending: "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let answer = try await health.receive()
            #expect(answer.text.hasPrefix("HTTP/1.1 200 "), "\(answer)")
            // Closed by the server at 2 s; 30 s is how long the test waits for that, however loaded the machine.
            let cut = try await slow.receive()
            #expect(cut.closed, "the server must have closed the connection at its deadline")
            #expect(cut.text.isEmpty, "\(cut.text)")
        }
    }
}

@Suite("Listening")
struct ListeningTests {
    /// "listening" is said once the port is bound, with the address actually bound (port 0 picks one).
    @Test func theBoundAddressIsSaidOnceListening() async throws {
        let said = SaidAddress()
        var configuration = ServerConfiguration.forTests()
        configuration.onListening = { said.set($0) }
        let app = buildApplication(service: try sharedService.get(), configuration: configuration)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            #expect(said.value == "http://127.0.0.1:\(port)")
        }
    }
}

final class SaidAddress: @unchecked Sendable {
    private let lock = NSLock()
    private var address: String?
    var value: String? { lock.withLock { address } }
    func set(_ value: String) { lock.withLock { address = value } }
}

@Suite("Malformed requests")
struct MalformedRequestTests {
    /// A broken chunked body is the client's fault: 400, never a 500.
    @Test func aBrokenChunkedBodyIsNotAnInternalError() async throws {
        let app = buildApplication(service: try sharedService.get(), configuration: .forTests())
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let broken = try await RawConnection.open(
                port: port,
                sending:
                    "POST /v1/audit HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nnot a chunk\r\n0\r\n\r\n"
            )
            let answer = try await broken.receive()
            #expect(answer.text.hasPrefix("HTTP/1.1 400 "), "\(answer)")
        }
    }
}
