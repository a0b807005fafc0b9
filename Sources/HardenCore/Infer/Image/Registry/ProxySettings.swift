import AsyncHTTPClient
import Foundation

/// The proxies registry requests go through, from the variables curl reads: `https_proxy` (or `HTTPS_PROXY`) for
/// HTTPS, `http_proxy` for plain HTTP (lower case only, as curl: CGI servers set `HTTP_PROXY` from a request header),
/// `all_proxy` (or `ALL_PROXY`) for both, and `no_proxy` (or `NO_PROXY`) for the hosts reached directly.
///
/// A proxy is `http://[USER:PASSWORD@]HOST[:PORT]` (port 1080 when none is given, as curl), reached with `CONNECT`,
/// or `socks5://HOST[:PORT]`. `no_proxy` lists `*`, domains (`example.com` covers its subdomains, a leading dot
/// too), addresses and CIDR blocks, each with an optional `:PORT`.
struct ProxySettings: Sendable {
    typealias Proxy = HTTPClient.Configuration.Proxy

    private(set) var https: Proxy?
    private(set) var http: Proxy?
    private(set) var bypass: [Bypass] = []

    /// The port curl uses for a proxy URL that names none.
    static let defaultPort = 1080

    init(environment: [String: String]) throws(ImageError) {
        let all = try Self.proxy(environment, ["all_proxy", "ALL_PROXY"])
        https = try Self.proxy(environment, ["https_proxy", "HTTPS_PROXY"]) ?? all
        http = try Self.proxy(environment, ["http_proxy"]) ?? all
        if let list = Self.value(environment, ["no_proxy", "NO_PROXY"])?.value {
            bypass = list.split(separator: ",").compactMap { Bypass(String($0)) }
        }
    }

    /// The proxy for `url`, nil where it is reached directly.
    func proxy(for url: URL) -> Proxy? {
        guard let host = url.host?.lowercased() else { return nil }
        let port = url.port ?? (url.scheme == "http" ? 80 : 443)
        if bypass.contains(where: { $0.covers(host: host, port: port) }) { return nil }
        return url.scheme == "http" ? http : https
    }

    // MARK: Reading the variables

    private static func value(_ environment: [String: String], _ names: [String]) -> (name: String, value: String)? {
        for name in names {
            if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
                return (name, value)
            }
        }
        return nil
    }

    private static func proxy(_ environment: [String: String], _ names: [String]) throws(ImageError) -> Proxy? {
        guard let (name, value) = value(environment, names) else { return nil }
        let text = value.contains("://") ? value : "http://" + value
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty,
            components.path.isEmpty || components.path == "/", components.query == nil
        else { throw .proxySetting(variable: name, value: value) }
        let port = components.port ?? defaultPort
        switch components.scheme?.lowercased() {
        case "http":
            var authorization: HTTPClient.Authorization?
            if let user = components.user {
                let password = components.password ?? ""
                authorization = .basic(
                    username: user.removingPercentEncoding ?? user,
                    password: password.removingPercentEncoding ?? password)
            }
            return .server(host: host, port: port, authorization: authorization)
        case "socks5", "socks5h":
            guard components.user == nil else { throw .proxySetting(variable: name, value: value) }
            return .socksServer(host: host, port: port)
        default:
            throw .proxySetting(variable: name, value: value)
        }
    }

    /// One entry of `no_proxy`.
    enum Bypass: Sendable {
        case everything
        /// A host name and its subdomains.
        case domain(String, port: Int?)
        /// An address, or a block of them.
        case network(IPAddress, prefix: Int, port: Int?)

        init?(_ entry: String) {
            var text = entry.trimmingCharacters(in: .whitespaces).lowercased()
            guard !text.isEmpty else { return nil }
            if text == "*" {
                self = .everything
                return
            }
            var port: Int?
            // `[::1]:5000`, `10.0.0.1:5000` or `host:5000`; a bare IPv6 address has more than one colon.
            if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
                let rest = text[text.index(after: close)...]
                if rest.hasPrefix(":") { port = Int(rest.dropFirst()) }
                text = String(text[text.index(after: text.startIndex)..<close])
            } else if text.filter({ $0 == ":" }).count == 1, let colon = text.lastIndex(of: ":") {
                port = Int(text[text.index(after: colon)...])
                text = String(text[..<colon])
            }
            let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
            if let address = IPAddress(parts[0]) {
                let bits = address.bytes.count * 8
                let prefix = parts.count == 2 ? Int(parts[1]) : bits
                guard let prefix, (0...bits).contains(prefix) else { return nil }
                self = .network(address, prefix: prefix, port: port)
            } else {
                let domain = text.hasPrefix(".") ? String(text.dropFirst()) : text
                guard !domain.isEmpty, parts.count == 1 else { return nil }
                self = .domain(domain, port: port)
            }
        }

        func covers(host: String, port: Int) -> Bool {
            switch self {
            case .everything:
                return true
            case .domain(let domain, let only):
                guard only == nil || only == port else { return false }
                return host == domain || host.hasSuffix("." + domain)
            case .network(let network, let prefix, let only):
                guard only == nil || only == port else { return false }
                let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
                guard let address = IPAddress(bare) else { return false }
                return network.contains(address, prefix: prefix)
            }
        }
    }

    /// An IPv4 or IPv6 address as its bytes in network order.
    struct IPAddress: Sendable {
        let bytes: [UInt8]

        init?(_ text: String) {
            var v4 = in_addr()
            var v6 = in6_addr()
            if inet_pton(AF_INET, text, &v4) == 1 {
                bytes = withUnsafeBytes(of: &v4) { Array($0) }
            } else if inet_pton(AF_INET6, text, &v6) == 1 {
                bytes = withUnsafeBytes(of: &v6) { Array($0) }
            } else {
                return nil
            }
        }

        /// Whether `other` is in the block of `prefix` leading bits this address starts.
        func contains(_ other: IPAddress, prefix: Int) -> Bool {
            guard other.bytes.count == bytes.count else { return false }
            for bit in 0..<prefix where (bytes[bit / 8] ^ other.bytes[bit / 8]) & (0x80 >> UInt8(bit % 8)) != 0 {
                return false
            }
            return true
        }
    }
}
