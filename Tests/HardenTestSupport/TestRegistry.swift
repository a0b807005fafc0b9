import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real distribution registry (Debian's `docker-registry`) on a loopback port, with its storage in a temporary
/// directory; stopped and removed when released. With `token`, it requires bearer tokens from a token service
/// (`TestTokenService`) that it verifies against that service's certificate.
public final class TestRegistry: @unchecked Sendable {
    public static let binary = "/usr/bin/docker-registry"

    /// Whether the registry can run here; fatal when HARDEN_REQUIRE_ENGINE=1 demands it (as CI sets).
    public static let available: Bool = {
        let found = FileManager.default.isExecutableFile(atPath: binary)
        if !found && ProcessInfo.processInfo.environment["HARDEN_REQUIRE_ENGINE"] == "1" {
            fatalError("HARDEN_REQUIRE_ENGINE=1 but \(binary) is missing: apt-get install docker-registry")
        }
        return found
    }()

    public let directory: TemporaryDirectory
    /// `127.0.0.1:PORT`.
    public let host: String
    private let process: Process
    /// The bearer token pushes use when the registry requires one.
    private let pushToken: String?

    public init(token: TestTokenService? = nil) throws {
        directory = try TemporaryDirectory()
        pushToken = token?.token
        var attempt = 0
        while true {
            attempt += 1
            let port = Int.random(in: 20_000..<60_000)
            var config = """
                version: 0.1
                log:
                  level: error
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: \(directory.path)/storage
                http:
                  addr: 127.0.0.1:\(port)
                """
            if let token {
                config += """

                    auth:
                      token:
                        realm: http://\(token.host)/token
                        service: \(TestTokenService.service)
                        issuer: \(TestTokenService.issuer)
                        rootcertbundle: \(token.certificate)
                    """
            }
            try config.write(toFile: directory.file("config.yml"), atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.binary)
            process.arguments = ["serve", directory.file("config.yml")]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if try Self.waitUntilServing(port: port, process: process) {
                self.process = process
                host = "127.0.0.1:\(port)"
                return
            }
            process.stopForGood()
            guard attempt < 5 else { throw TestServiceError("docker-registry did not start on a loopback port") }
        }
    }

    deinit {
        process.stopForGood()
    }

    /// Waits for `/v2/` to answer; false when the process exited first (its port was taken).
    static func waitUntilServing(port: Int, process: Process) throws -> Bool {
        let url = URL(string: "http://127.0.0.1:\(port)/v2/")!
        for _ in 0..<100 {
            guard process.isRunning else { return false }
            if (try? TestHTTP.send(URLRequest(url: url))) != nil { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw TestServiceError("the service on port \(port) did not answer within 10 seconds")
    }

    /// Where the registry keeps a blob's bytes: what a test alters to prove a tampered blob is caught.
    public func blobFile(_ digest: String) -> String {
        let hex = digest.dropFirst("sha256:".count)
        return "\(directory.path)/storage/docker/registry/v2/blobs/sha256/\(hex.prefix(2))/\(hex)/data"
    }

    // MARK: Pushing, over the distribution API

    /// Uploads a blob (POST then PUT with its digest); returns its digest.
    @discardableResult
    public func push(blob: Data, to repository: String) throws -> String {
        let digest = "sha256:" + (try TestDigest.sha256(blob))
        var start = request("/v2/\(repository)/blobs/uploads/", method: "POST")
        start.httpBody = Data()
        let (_, started) = try TestHTTP.send(start)
        guard started.statusCode == 202, let location = started.value(forHTTPHeaderField: "Location"),
            var components = URLComponents(
                url: URL(string: location, relativeTo: URL(string: "http://\(host)"))!.absoluteURL,
                resolvingAgainstBaseURL: false)
        else { throw TestServiceError("upload not started: HTTP \(started.statusCode)") }
        components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "digest", value: digest)]
        var put = request(components.url!, method: "PUT")
        put.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type")
        put.httpBody = blob
        let (body, finished) = try TestHTTP.send(put)
        guard finished.statusCode == 201 else {
            throw TestServiceError(
                "upload refused: HTTP \(finished.statusCode) \(String(decoding: body, as: UTF8.self))")
        }
        return digest
    }

    /// Puts a manifest or index under `tag`; returns its digest.
    @discardableResult
    public func push(manifest: Data, mediaType: String, to repository: String, tag: String) throws -> String {
        var put = request("/v2/\(repository)/manifests/\(tag)", method: "PUT")
        put.setValue(mediaType, forHTTPHeaderField: "Content-Type")
        put.httpBody = manifest
        let (body, response) = try TestHTTP.send(put)
        guard response.statusCode == 201 else {
            throw TestServiceError(
                "manifest refused: HTTP \(response.statusCode) \(String(decoding: body, as: UTF8.self))")
        }
        return "sha256:" + (try TestDigest.sha256(manifest))
    }

    private func request(_ path: String, method: String) -> URLRequest {
        request(URL(string: "http://\(host)\(path)")!, method: method)
    }

    private func request(_ url: URL, method: String) -> URLRequest {
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let pushToken { request.setValue("Bearer \(pushToken)", forHTTPHeaderField: "Authorization") }
        return request
    }
}

/// A failure to set up a test service, with what went wrong.
public struct TestServiceError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Blocking HTTP for test setup.
enum TestHTTP {
    static func send(_ request: URLRequest) throws -> (Data, HTTPURLResponse) {
        let box = ResultBox()
        let semaphore = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            box.result = error.map { .failure($0) } ?? .success((data ?? Data(), response as? HTTPURLResponse))
            semaphore.signal()
        }.resume()
        semaphore.wait()
        switch box.result {
        case .success((let data, let response?)): return (data, response)
        case .failure(let error): throw error
        default: throw TestServiceError("no HTTP response from \(request.url?.absoluteString ?? "")")
        }
    }

    private final class ResultBox: @unchecked Sendable {
        var result: Result<(Data, HTTPURLResponse?), any Error>?
    }
}

/// SHA-256 through coreutils, so that the tests do not check harden's digests with harden's own code.
public enum TestDigest {
    public static func sha256(_ data: Data) throws -> String {
        let output = try TestProcess.run("/usr/bin/sha256sum", [], input: data)
        return String(decoding: output.prefix(64), as: UTF8.self)
    }
}

/// Runs a program to its end, feeding `input` and returning standard output; throws on a non-zero exit.
public enum TestProcess {
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], input: Data? = nil, directory: String? = nil)
        throws -> Data
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let inputPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
        try process.run()
        if let input {
            // Written from another thread, so that a large input cannot dead-lock against a full output pipe.
            let writer = inputPipe.fileHandleForWriting
            DispatchQueue.global().async {
                writer.write(input)
                try? writer.close()
            }
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestServiceError(
                "\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
        return data
    }
}
