import Foundation

/// An HTTP proxy for the tests, on a loopback port: it answers `CONNECT host:port` by tunnelling to it, and logs
/// each target it tunnelled to (or refused). With `credentials` (`user:password`) it answers 407 to a request
/// without them as Basic `Proxy-Authorization`. A few lines of Python; stopped when released.
public final class TestProxy: @unchecked Sendable {
    private let directory: TemporaryDirectory
    private let server: LoopbackPythonServer
    /// `127.0.0.1:PORT`.
    public var host: String { server.host }

    private static let script = """
        import base64, os, select, socket, socketserver
        needed = os.environ.get("PROXY_CREDENTIALS")
        log = open(os.environ["PROXY_LOG"], "a", buffering=1)
        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                request = self.rfile.readline(8192).decode("latin-1").split()
                headers = {}
                while True:
                    line = self.rfile.readline(8192).decode("latin-1")
                    if line.strip() == "":
                        break
                    name, _, value = line.partition(":")
                    headers[name.strip().lower()] = value.strip()
                if len(request) != 3 or request[0] != "CONNECT":
                    self.wfile.write(b"HTTP/1.1 405 Method Not Allowed\\r\\nContent-Length: 0\\r\\n\\r\\n")
                    return
                target = request[1]
                if needed and headers.get("proxy-authorization") != "Basic " + base64.b64encode(needed.encode()).decode():
                    log.write("refused " + target + "\\n")
                    self.wfile.write(b"HTTP/1.1 407 Proxy Authentication Required\\r\\nProxy-Authenticate: Basic realm=\\"test\\"\\r\\nContent-Length: 0\\r\\n\\r\\n")
                    return
                host, _, port = target.rpartition(":")
                upstream = socket.create_connection((host, int(port)))
                log.write("connect " + target + "\\n")
                self.wfile.write(b"HTTP/1.1 200 Connection Established\\r\\n\\r\\n")
                ends = [self.connection, upstream]
                while True:
                    readable, _, _ = select.select(ends, [], [], 30)
                    if not readable:
                        return
                    for end in readable:
                        data = end.recv(65536)
                        if not data:
                            return
                        (upstream if end is self.connection else self.connection).sendall(data)
        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
        server = Server(("127.0.0.1", 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """

    public init(credentials: String? = nil) throws {
        directory = try TemporaryDirectory()
        var environment = ["PROXY_LOG": directory.file("log")]
        environment["PROXY_CREDENTIALS"] = credentials
        server = try LoopbackPythonServer(script: Self.script, environment: environment, name: "proxy")
    }

    /// One line per request: `connect HOST:PORT` for a tunnel made, `refused HOST:PORT` for one refused.
    public func log() throws -> [String] {
        let path = directory.file("log")
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }
}
