import Foundation

/// A plain TCP connection to the server under test, for what HummingbirdTesting's client cannot send: half a request,
/// a broken body.
///
/// Its blocking socket calls run on threads of their own, never on Swift's cooperative pool: on two cores that pool
/// has two threads, the server under test needs them to answer, and the rest of the suite keeps them busy.
final class RawConnection: @unchecked Sendable {
    private let socket: Int32

    private init(socket: Int32) { self.socket = socket }

    deinit { close(socket) }

    /// Connects to 127.0.0.1:`port` and sends `text`.
    static func open(port: Int, sending text: String) async throws -> RawConnection {
        try await offThePool {
            let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard socket >= 0 else { throw RawConnectionError("socket: \(String(cString: strerror(errno)))") }
            let connection = RawConnection(socket: socket)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Foundation.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else { throw RawConnectionError("connect: \(String(cString: strerror(errno)))") }
            let sent = text.withCString { send(socket, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
            guard sent == text.utf8.count else { throw RawConnectionError("sent \(sent) of \(text.utf8.count) bytes") }
            return connection
        }
    }

    /// What the server sent until it closed the connection, until `isWhole` holds for the text received, or until
    /// `timeout` passed (in the last two cases `closed` is false).
    func receive(timeout: Duration = .seconds(30), until isWhole: @escaping @Sendable (String) -> Bool = { _ in false })
        async throws -> (text: String, closed: Bool)
    {
        try await offThePool { [socket] in
            var received = [UInt8]()
            let deadline = ContinuousClock.now + timeout
            var buffer = [UInt8](repeating: 0, count: 4096)
            while ContinuousClock.now < deadline && !isWhole(String(decoding: received, as: UTF8.self)) {
                var poll = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
                let left = deadline - ContinuousClock.now
                let ready = Glibc.poll(&poll, 1, Int32(max(1, left.components.seconds * 1000)))
                if ready < 0 && errno != EINTR { throw RawConnectionError("poll: \(String(cString: strerror(errno)))") }
                guard ready > 0 else { continue }
                let count = recv(socket, &buffer, buffer.count, 0)
                if count < 0 && errno != EINTR && errno != ECONNRESET {
                    throw RawConnectionError("recv: \(String(cString: strerror(errno)))")
                }
                if count == 0 || (count < 0 && errno == ECONNRESET) {
                    return (String(decoding: received, as: UTF8.self), true)
                }
                if count > 0 { received += buffer.prefix(count) }
            }
            return (String(decoding: received, as: UTF8.self), false)
        }
    }
}

/// Whether `text` holds one whole response with a Content-Length, for a connection the server keeps open.
@Sendable func holdsOneResponse(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    let headEnd = Array("\r\n\r\n".utf8)
    guard let bodyStart = bytes.indices.first(where: { bytes[$0...].starts(with: headEnd) }).map({ $0 + 4 }) else {
        return false
    }
    let head = String(decoding: bytes[..<bodyStart], as: UTF8.self).lowercased()
    guard let field = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
        let length = Int(field.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
    else { return false }
    return bytes.count - bodyStart >= length
}

struct RawConnectionError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs blocking `body` on a thread of its own and waits for it without holding a cooperative thread.
func offThePool<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
