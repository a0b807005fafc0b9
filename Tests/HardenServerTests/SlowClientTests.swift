import Foundation
import HTTPTypes
import HardenServer
import Hummingbird
import HummingbirdTesting
import Testing

/// Slow clients (a byte every few seconds, never idle) are cut at the request deadline, and health still answers.
@Suite("Slow clients")
struct SlowClientTests {
    /// Connects to 127.0.0.1:port and sends `text`; returns the socket.
    static func connect(port: Int, sending text: String) throws -> Int32 {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Foundation.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(connected == 0)
        _ = text.withCString { send(socket, $0, strlen($0), 0) }
        return socket
    }

    /// The deadline (5 s) also bounds the test client's own first request: the framework connects it before the test
    /// body runs, and with the whole suite keeping the cooperative pool busy the body started more than 2 s later
    /// ("I/O on closed channel" at 300 ms and at 2 s).
    @Test func aRequestThatNeverCompletesIsClosedAtTheDeadline() async throws {
        let service = try sharedService.get()
        let app = buildApplication(
            service: service,
            configuration: .forTests(requestDeadline: .seconds(5)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let slow = try Self.connect(port: port, sending: "GET /healthz HTTP/1.1\r\nHost: x\r\n")
            defer { close(slow) }
            // Health answers on another connection while the slow one is open.
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await Task.sleep(for: .milliseconds(6_000))
            var buffer = [UInt8](repeating: 0, count: 16)
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(slow, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let read = recv(slow, &buffer, buffer.count, 0)
            #expect(read == 0, "the server must have closed the connection (recv returned \(read))")
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
    /// A broken chunked body is the client's fault: 400 (or a closed connection), never a 500.
    @Test func aBrokenChunkedBodyIsNotAnInternalError() async throws {
        let app = buildApplication(
            service: try sharedService.get(), configuration: .forTests())
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let socket = try SlowClientTests.connect(
                port: port,
                sending:
                    "POST /v1/audit HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nnot a chunk\r\n0\r\n\r\n"
            )
            defer { close(socket) }
            var buffer = [UInt8](repeating: 0, count: 512)
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let read = recv(socket, &buffer, buffer.count, 0)
            let answer = String(decoding: buffer.prefix(max(0, read)), as: UTF8.self)
            #expect(answer.hasPrefix("HTTP/1.1 400 "), "\(answer)")
        }
    }
}
