#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A check that the running container serves: a TCP connection, or an HTTP GET answered below 500 (a 404 still
/// shows a server that started). It reaches the container's port through the engine's port publishing on loopback.
public struct VerifyProbe: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case tcp
        case http
    }

    public var kind: Kind
    public var port: Int
    public var path: String

    /// `tcp:PORT` or `http:PORT/PATH`.
    public init(_ text: String) throws(VerifyError) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = Kind(rawValue: parts[0]) else { throw .invalidProbe(text) }
        let rest = parts[1]
        let portText = rest.prefix { $0.isASCII && $0.isNumber }
        guard let port = Int(portText), (1...65535).contains(port) else { throw .invalidProbe(text) }
        let path = String(rest.dropFirst(portText.count))
        guard kind == .http ? (path.isEmpty || path.hasPrefix("/")) : path.isEmpty,
            !path.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } == true })
        else { throw .invalidProbe(text) }
        self.kind = kind
        self.port = port
        self.path = path.isEmpty ? "/" : path
    }

    public var description: String { kind == .tcp ? "tcp:\(port)" : "http:\(port)\(path)" }

    /// What a probe saw.
    public struct Result: Codable, Sendable, Equatable {
        public var probe: String
        public var passed: Bool
        public var detail: String
    }

    /// Runs the probe against `127.0.0.1:hostPort`, within `timeout` seconds per attempt.
    func check(hostPort: Int, timeout: Int = 3) -> Result {
        let connection = Self.open(port: hostPort, timeout: timeout)
        guard case .success(let socket) = connection else {
            if case .failure(let message) = connection {
                return Result(probe: description, passed: false, detail: message)
            }
            return Result(probe: description, passed: false, detail: "no connection")
        }
        defer { close(socket) }
        guard kind == .http else { return Result(probe: description, passed: true, detail: "connected") }
        let request = "GET \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\nUser-Agent: harden-verify\r\n\r\n"
        _ = request.withCString { send(socket, $0, strlen($0), 0) }
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = recv(socket, &buffer, buffer.count, 0)
        guard count > 0 else { return Result(probe: description, passed: false, detail: "no HTTP answer") }
        let statusLine = String(decoding: buffer[0..<count], as: UTF8.self).split(separator: "\r\n").first ?? ""
        let code = statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        guard let code else {
            return Result(probe: description, passed: false, detail: "not HTTP: \(Quoted.brief(String(statusLine)))")
        }
        return Result(probe: description, passed: code < 500, detail: "HTTP \(code)")
    }

    private enum Connection {
        case success(Int32)
        case failure(String)
    }

    private static func open(port: Int, timeout: Int) -> Connection {
        #if canImport(Glibc)
            let socketType = Int32(SOCK_STREAM.rawValue)
        #else
            let socketType = SOCK_STREAM
        #endif
        let descriptor = socket(AF_INET, socketType, 0)
        guard descriptor >= 0 else { return .failure("cannot open a socket") }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(descriptor)
            return .failure("connection refused or timed out on 127.0.0.1:\(port)")
        }
        return .success(descriptor)
    }
}
