import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One HTTP request whose response body is read as it arrives, a chunk at a time, by a thread that blocks on it.
///
/// URLSession hands body data to its delegate as fast as the network delivers it and, on Linux, cannot pause a
/// transfer: a consumer slower than the network would otherwise queue a whole layer in memory. So the exchange
/// holds at most `cap` bytes: past that it cancels the transfer and reports `stoppedEarly`, and the reader asks for
/// the rest with a `Range` request (see `RegistryBlobStream`).
final class HTTPExchange: ByteStream, @unchecked Sendable {
    /// How long to wait for the response to start (connecting, TLS, the server's first byte), and then between
    /// chunks of the body.
    static let connectTimeout: TimeInterval = 10
    static let idleTimeout: TimeInterval = 30

    let url: URL
    private let cap: Int
    private let condition = NSCondition()
    private var response: HTTPURLResponse?
    private var chunks: [Data] = []
    private var buffered = 0
    private var finished = false
    private var failure: (any Error)?
    private var stopped = false
    fileprivate var task: URLSessionDataTask?

    init(url: URL, cap: Int) {
        self.url = url
        self.cap = cap
    }

    /// The response's status and headers, waiting up to `connectTimeout` for them.
    func awaitResponse() throws(ImageError) -> HTTPURLResponse {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: Self.connectTimeout)
        while response == nil && !finished {
            guard condition.wait(until: deadline) else {
                task?.cancel()
                throw unreachable("no response within \(Int(Self.connectTimeout)) seconds")
            }
        }
        if let response { return response }
        throw unreachable(failure.map(Self.describe) ?? "the connection closed without a response")
    }

    /// The next bytes of the body, at most `limit`; empty at its end, or where the exchange stopped early.
    func read(upTo limit: Int) throws(ImageError) -> [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished {
            guard condition.wait(until: Date(timeIntervalSinceNow: Self.idleTimeout)) else {
                task?.cancel()
                throw unreachable("no data for \(Int(Self.idleTimeout)) seconds")
            }
        }
        guard let first = chunks.first else {
            if let failure, !stopped { throw unreachable(Self.describe(failure)) }
            return []
        }
        let head = first.prefix(limit)
        if head.count == first.count { chunks.removeFirst() } else { chunks[0] = first.dropFirst(head.count) }
        buffered -= head.count
        return [UInt8](head)
    }

    /// The response's status, once `awaitResponse` returned.
    var status: Int {
        condition.lock()
        defer { condition.unlock() }
        return response?.statusCode ?? 0
    }

    /// The digest the registry states for what it sent (`Docker-Content-Digest`).
    var statedDigest: String? {
        condition.lock()
        defer { condition.unlock() }
        return response?.value(forHTTPHeaderField: "Docker-Content-Digest")
    }

    /// Whether the body ended because the buffer was full rather than at its end: the rest must be asked for again.
    var stoppedEarly: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    /// Stops the transfer; what was not read is dropped.
    func cancel() { task?.cancel() }

    private func unreachable(_ reason: String) -> ImageError {
        .registryUnreachable(
            registry: url.host.map { host in url.port.map { "\(host):\($0)" } ?? host } ?? "", reason: reason)
    }

    /// URLSession's errors as one line, with curl's detail when it gives one.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? URLError else { return "\(error)" }
        let text = error.localizedDescription
        switch error.code {
        case .timedOut: return "timed out"
        case .cannotConnectToHost: return "connection refused"
        case .cannotFindHost: return "no such host"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid, .clientCertificateRejected:
            return "the TLS handshake failed (\(text))"
        // curl's TLS errors reach URLError with other codes, and OpenSSL's words.
        default: return text.contains("SSL") || text.contains("TLS") ? "the TLS handshake failed (\(text))" : text
        }
    }

    /// Whether `error` is a TLS failure, which a plain-HTTP registry causes.
    static func isTLSFailure(_ error: ImageError) -> Bool {
        if case .registryUnreachable(_, let reason) = error { return reason.hasPrefix("the TLS handshake failed") }
        return false
    }

    // MARK: From the session's delegate queue

    fileprivate func received(_ response: HTTPURLResponse) {
        condition.lock()
        self.response = response
        condition.broadcast()
        condition.unlock()
    }

    fileprivate func received(_ data: Data) {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped else { return }
        chunks.append(data)
        buffered += data.count
        if buffered > cap {
            stopped = true
            task?.cancel()
        }
        condition.broadcast()
    }

    fileprivate func completed(_ error: (any Error)?) {
        condition.lock()
        finished = true
        if !stopped { failure = error }
        condition.broadcast()
        condition.unlock()
    }
}

/// A URLSession whose delegate hands each task's events to its `HTTPExchange`. Redirects are not followed here:
/// the registry client follows them itself, so that credentials never travel to another host.
final class HTTPTransport: Sendable {
    private let session: URLSession
    private let router: Router

    init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = HTTPExchange.idleTimeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieAcceptPolicy = .never
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        router = Router()
        session = URLSession(configuration: configuration, delegate: router, delegateQueue: queue)
    }

    deinit { session.invalidateAndCancel() }

    /// Starts `request`; its body is buffered up to `cap` bytes ahead of the reader.
    func start(_ request: URLRequest, cap: Int) -> HTTPExchange {
        let exchange = HTTPExchange(url: request.url ?? URL(fileURLWithPath: "/"), cap: cap)
        let task = session.dataTask(with: request)
        exchange.task = task
        router.register(exchange, for: task.taskIdentifier)
        task.resume()
        return exchange
    }

    private final class Router: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        private let lock = NSLock()
        private var exchanges: [Int: HTTPExchange] = [:]

        func register(_ exchange: HTTPExchange, for identifier: Int) {
            lock.lock()
            exchanges[identifier] = exchange
            lock.unlock()
        }

        private func exchange(_ task: URLSessionTask, removing: Bool = false) -> HTTPExchange? {
            lock.lock()
            defer { lock.unlock() }
            return removing ? exchanges.removeValue(forKey: task.taskIdentifier) : exchanges[task.taskIdentifier]
        }

        func urlSession(
            _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
            completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
        ) {
            if let response = response as? HTTPURLResponse { exchange(dataTask)?.received(response) }
            completionHandler(.allow)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            exchange(dataTask)?.received(data)
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
            exchange(task, removing: true)?.completed(error)
        }

        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
        ) {
            completionHandler(nil)
        }
    }
}
