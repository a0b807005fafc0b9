import Foundation

/// A registry token service for the tests, on a loopback port: it answers `GET /token` with a JWT (RS256, signed
/// with `openssl` by a key made for the run, its certificate in the `x5c` header so that the registry verifies it
/// against `certificate`) when the request carries `user:password` as Basic credentials, and 401 otherwise. The
/// HTTP side is a few lines of Python's http.server; stopped and removed when released.
public final class TestTokenService: @unchecked Sendable {
    static let service = "harden-test"
    static let issuer = "harden-test-issuer"
    public static let user = "tester"
    public static let password = "s3cret"

    public let directory: TemporaryDirectory
    private let server: LoopbackPythonServer
    /// `127.0.0.1:PORT`.
    public var host: String { server.host }
    /// The PEM certificate the registry trusts.
    let certificate: String
    /// A token granting pull and push on `repository`.
    let token: String

    private static let script = """
        import base64, http.server, os
        expected = "Basic " + base64.b64encode(os.environ["TOKEN_USER"].encode()).decode()
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                ok = self.headers.get("Authorization") == expected
                body = ('{"token": "%s"}' % os.environ["TOKEN"]) if ok else '{"details": "incorrect username or password"}'
                self.send_response(200 if ok else 401)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body.encode())
            def log_message(self, *args):
                pass
        server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """

    public init(repository: String) throws {
        directory = try TemporaryDirectory()
        let key = directory.file("key.pem")
        certificate = directory.file("cert.pem")
        try TestProcess.run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "1",
                "-subj", "/CN=harden-test-token",
            ])
        let der = try TestProcess.run("/usr/bin/openssl", ["x509", "-in", certificate, "-outform", "DER"])
        let now = Int(Date().timeIntervalSince1970)
        let header: [String: Any] = ["alg": "RS256", "typ": "JWT", "x5c": [der.base64EncodedString()]]
        let claims: [String: Any] = [
            "iss": Self.issuer, "sub": Self.user, "aud": Self.service, "exp": now + 3600, "nbf": now - 60,
            "iat": now - 60, "jti": UUID().uuidString,
            "access": [["type": "repository", "name": repository, "actions": ["pull", "push"]]],
        ]
        let signingInput =
            Self.base64URL(try JSONSerialization.data(withJSONObject: header)) + "."
            + Self.base64URL(try JSONSerialization.data(withJSONObject: claims))
        let signature = try TestProcess.run(
            "/usr/bin/openssl", ["dgst", "-sha256", "-sign", key], input: Data(signingInput.utf8))
        token = signingInput + "." + Self.base64URL(signature)

        server = try LoopbackPythonServer(
            script: Self.script, environment: ["TOKEN": token, "TOKEN_USER": "\(Self.user):\(Self.password)"],
            name: "token service")
    }

    /// An auth file (`REGISTRY_AUTH_FILE`) holding the service's credentials for `registry`.
    public func authFile(for registry: String) throws -> String {
        let auth = Data("\(Self.user):\(Self.password)".utf8).base64EncodedString()
        let path = directory.file("auth.json")
        try #"{"auths": {"\#(registry)": {"auth": "\#(auth)"}}}"#.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
