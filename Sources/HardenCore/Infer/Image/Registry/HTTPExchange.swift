import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// One HTTP request whose response body is read as it arrives, a chunk at a time, by a thread that blocks on it.
///
/// At most `window` bytes wait for the reader: past that the exchange holds back its acknowledgement of the last
/// chunk, NIO stops reading the socket and TCP slows the sender, until the reader catches up. A layer is never held
/// whole, however far the digest and decompression behind the reader lag the network.
final class HTTPExchange: ByteStream, HTTPClientResponseDelegate, @unchecked Sendable {
    typealias Response = Void

    /// Bytes received and not yet read before the exchange stops asking for more.
    static let window = 1 << 20

    let url: URL
    /// The proxy the request goes through, named in errors: a refusal may be the proxy's, not the registry's.
    let proxy: HTTPClient.Configuration.Proxy?
    private let condition = NSCondition()
    private var head: HTTPResponseHead?
    private var chunks: [ByteBuffer] = []
    private var buffered = 0
    private var mostBuffered = 0
    private var finished = false
    private var failure: (any Error)?
    /// The acknowledgement held back while the window is full.
    private var demand: EventLoopPromise<Void>?
    private var task: HTTPClient.Task<Void>?

    init(url: URL, proxy: HTTPClient.Configuration.Proxy?) {
        self.url = url
        self.proxy = proxy
    }

    /// The response's status and headers. The client's connect and read timeouts bound the wait.
    func awaitResponse() throws(ImageError) -> HTTPResponseHead {
        condition.lock()
        defer { condition.unlock() }
        while head == nil && !finished { condition.wait() }
        if let head { return head }
        throw unreachable(failure.map(Self.describe) ?? "the connection closed without a response")
    }

    /// The next bytes of the body, at most `limit`; empty at its end.
    func read(upTo limit: Int) throws(ImageError) -> [UInt8] {
        condition.lock()
        while chunks.isEmpty && !finished { condition.wait() }
        guard !chunks.isEmpty else {
            defer { condition.unlock() }
            if let failure { throw unreachable(Self.describe(failure)) }
            return []
        }
        let count = min(limit, chunks[0].readableBytes)
        let bytes = chunks[0].readBytes(length: count) ?? []
        if chunks[0].readableBytes == 0 { chunks.removeFirst() }
        buffered -= count
        var resumed: EventLoopPromise<Void>?
        if buffered <= Self.window / 2 { swap(&resumed, &demand) }
        condition.unlock()
        resumed?.succeed()
        return bytes
    }

    /// The digest the registry states for what it sent (`Docker-Content-Digest`).
    var statedDigest: String? {
        condition.lock()
        defer { condition.unlock() }
        return head?.headers.first(name: "Docker-Content-Digest")
    }

    /// The most bytes that ever waited for the reader: about `window`, however large the body.
    var peakBuffered: Int {
        condition.lock()
        defer { condition.unlock() }
        return mostBuffered
    }

    /// Stops the transfer; what was not read is dropped.
    func cancel() {
        condition.lock()
        let task = task
        condition.unlock()
        task?.cancel()
    }

    fileprivate func started(_ task: HTTPClient.Task<Void>) {
        condition.lock()
        self.task = task
        condition.unlock()
    }

    /// Ends the exchange with `error`: a request that could not even be made.
    fileprivate func fail(_ error: any Error) { end(error) }

    private func unreachable(_ reason: String) -> ImageError {
        .registryUnreachable(
            registry: RegistryClient.authority(url),
            reason: proxy.map { "\(reason) (through the proxy \($0.host):\($0.port))" } ?? reason)
    }

    // MARK: From the client's event loop

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        condition.lock()
        self.head = head
        condition.broadcast()
        condition.unlock()
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        condition.lock()
        defer { condition.unlock() }
        chunks.append(buffer)
        buffered += buffer.readableBytes
        mostBuffered = max(mostBuffered, buffered)
        condition.broadcast()
        guard buffered > Self.window else { return task.eventLoop.makeSucceededVoidFuture() }
        let promise = task.eventLoop.makePromise(of: Void.self)
        demand = promise
        return promise.futureResult
    }

    func didReceiveError(task: HTTPClient.Task<Void>, _ error: any Error) { end(error) }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws { end(nil) }

    /// Marks the end, waking the reader; a held-back acknowledgement is given, as NIO requires of every promise.
    private func end(_ error: (any Error)?) {
        condition.lock()
        finished = true
        if failure == nil { failure = error }
        var resumed: EventLoopPromise<Void>?
        swap(&resumed, &demand)
        condition.broadcast()
        condition.unlock()
        resumed?.succeed()
    }

    // MARK: Errors

    /// The client's errors as one line.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as HTTPClientError:
            switch error {
            case .connectTimeout: return "timed out connecting"
            case .readTimeout: return "timed out: no data for \(HTTPTransport.readTimeoutSeconds) seconds"
            case .tlsHandshakeTimeout: return "the TLS handshake failed (it timed out)"
            case .remoteConnectionClosed: return "it closed the connection"
            case .proxyAuthenticationRequired:
                return "the proxy asks for credentials: give them in the proxy's URL (http://USER:PASSWORD@HOST:PORT)"
            case .invalidProxyResponse: return "the proxy refused to connect to it"
            case .httpProxyHandshakeTimeout, .socksHandshakeTimeout: return "the proxy did not answer"
            default: return "\(error)"
            }
        case let error as NIOConnectionError:
            if let failure = error.connectionErrors.first { return describe(failure.error) }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "no such host \(error.host)" }
            return "cannot connect to \(error.host):\(error.port)"
        case let error as IOError where error.errnoCode == ECONNREFUSED:
            return "connection refused"
        case let error as IOError:
            return String(cString: strerror(error.errnoCode))
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError:
            return "the TLS handshake failed (\(error))"
        default:
            return "\(error)"
        }
    }

    /// Whether `error` is a TLS failure, which a plain-HTTP registry causes.
    static func isTLSFailure(_ error: ImageError) -> Bool {
        if case .registryUnreachable(_, let reason) = error { return reason.hasPrefix("the TLS handshake failed") }
        return false
    }
}

/// The HTTP clients of one registry client, one for each proxy its requests go through (most need one). None
/// follows a redirect: the registry client follows them itself, so that credentials never travel to another host.
final class HTTPTransport: Sendable {
    typealias Proxy = HTTPClient.Configuration.Proxy

    static let connectTimeoutSeconds: Int64 = 10
    static let readTimeoutSeconds: Int64 = 30

    private let proxies: ProxySettings
    private let clients = Mutex<[Proxy?: HTTPClient]>([:])

    init(environment: [String: String]) throws(ImageError) {
        proxies = try ProxySettings(environment: environment)
    }

    deinit {
        // Nothing is in flight once the registry client is let go; a client that fails to shut down has nothing
        // left to say to the user.
        for client in clients.withLock({ $0.values }) { try? client.syncShutdown() }
    }

    /// Starts a GET of `url`; the exchange reads its response.
    func get(_ url: URL, headers: [(String, String)]) -> HTTPExchange {
        let proxy = proxies.proxy(for: url)
        let exchange = HTTPExchange(url: url, proxy: proxy)
        do {
            let request = try HTTPClient.Request(url: url, method: .GET, headers: HTTPHeaders(headers))
            exchange.started(client(through: proxy).execute(request: request, delegate: exchange))
        } catch {
            exchange.fail(error)
        }
        return exchange
    }

    private func client(through proxy: Proxy?) -> HTTPClient {
        clients.withLock { clients in
            if let client = clients[proxy] { return client }
            var configuration = HTTPClient.Configuration(
                redirectConfiguration: .disallow,
                timeout: .init(connect: .seconds(Self.connectTimeoutSeconds), read: .seconds(Self.readTimeoutSeconds)),
                proxy: proxy, decompression: .disabled)
            // A refused connection or a failed handshake is answered at once, not retried until the timeout.
            configuration.connectionPool.retryConnectionEstablishment = false
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
            clients[proxy] = client
            return client
        }
    }
}
