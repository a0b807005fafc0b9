import Foundation
import NIOHTTP1

/// One repository of a registry, read over the OCI distribution API: manifests and blobs by GET, with the bearer
/// token flow Docker Hub, ghcr.io, quay.io and registry.k8s.io use (anonymous, or Basic credentials from the
/// user's auth file), Basic challenges, and redirects followed without sending credentials to another host.
/// HTTPS always, except to the hosts the user named with `--insecure-registry`; through the proxies the environment
/// names (`ProxySettings`).
final class RegistryClient {
    /// The registry as the reference names it (`docker.io`, `127.0.0.1:5000`): what messages and credentials use.
    let registry: String
    let repository: String
    private let base: URL
    private let access: RegistryAccess
    private let transport: HTTPTransport
    private var authorization: String?

    /// The manifest types asked for: OCI index and manifest, Docker manifest list and v2 manifest.
    static let manifestTypes = [
        "application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ]
    static let manifestLimit = 4 << 20

    init(reference: ImageReference, access: RegistryAccess) throws(ImageError) {
        registry = reference.domain.lowercased()
        repository = reference.path
        self.access = access
        // Docker Hub's API lives on its own host.
        let host = registry == ImageReference.defaultDomain ? "registry-1.docker.io" : registry
        let scheme = access.insecureRegistries.contains(registry) ? "http" : "https"
        base = URL(string: "\(scheme)://\(host)") ?? URL(fileURLWithPath: "/")
        transport = try HTTPTransport(environment: access.environment)
    }

    /// A manifest (or index) by tag or digest, at most 4 MiB. A manifest fetched by tag is checked against the
    /// digest the registry states for it; one fetched by digest is checked by the caller, as every blob is.
    func manifest(_ tagOrDigest: String) throws(ImageError) -> [UInt8] {
        let exchange = try get(
            "/v2/\(repository)/manifests/\(tagOrDigest)", accept: Self.manifestTypes,
            missing: "no image \(repository):\(tagOrDigest)")
        let bytes = try exchange.read(exactly: Self.manifestLimit + 1)
        guard bytes.count <= Self.manifestLimit else {
            exchange.cancel()
            throw .overLimit("the manifest \(repository):\(tagOrDigest) is over 4 MiB")
        }
        if !tagOrDigest.hasPrefix("sha256:"), let stated = exchange.statedDigest, stated.hasPrefix("sha256:") {
            var hasher = SHA256()
            hasher.update(bytes)
            let actual = hasher.finalizeHex()
            guard stated == "sha256:" + actual else { throw .digestMismatch(blob: stated, actual: actual) }
        }
        return bytes
    }

    /// A blob, its body read as it arrives.
    func blob(_ digest: String) throws(ImageError) -> HTTPExchange {
        try get("/v2/\(repository)/blobs/\(digest)", accept: ["*/*"], missing: "no blob \(digest) in \(repository)")
    }

    // MARK: Requests

    /// GET `path`, authenticating once when challenged and following up to five redirects; the exchange returned
    /// answered 200.
    private func get(_ path: String, accept: [String], missing: String) throws(ImageError) -> HTTPExchange {
        var url = base.appendingPathComponent(path)
        var authenticated = false
        var redirects = 0
        while true {
            var headers = [("Accept", accept.joined(separator: ", "))]
            if let authorization, Self.authority(url) == Self.authority(base) {
                headers.append(("Authorization", authorization))
            }
            let exchange = transport.get(url, headers: headers)
            let response: HTTPResponseHead
            do {
                response = try exchange.awaitResponse()
            } catch {
                throw plainHTTPHint(error, url: url)
            }
            switch response.status.code {
            case 200:
                return exchange
            case 401 where !authenticated:
                exchange.cancel()
                try authenticate(response.headers.first(name: "WWW-Authenticate"))
                authenticated = true
            case 301, 302, 303, 307, 308:
                exchange.cancel()
                redirects += 1
                guard redirects <= 5, let location = response.headers.first(name: "Location"),
                    let target = URL(string: location, relativeTo: url)?.absoluteURL
                else {
                    throw .registryFailed(
                        registry: registry, status: Int(response.status.code),
                        detail: "a redirect without a usable Location")
                }
                try checkScheme(target, what: "a redirect")
                url = target
            case 401:
                throw .registryUnauthorized(
                    registry: registry, detail: try unauthorizedHint(errorText(exchange)))
            case 404:
                throw .noSuchImage("the registry \(registry) has \(missing) (\(try errorText(exchange)))")
            default:
                throw .registryFailed(
                    registry: registry, status: Int(response.status.code), detail: try errorText(exchange))
            }
        }
    }

    /// Answers a 401's challenge: a bearer token from the realm it names (with the user's credentials when
    /// there are any), or Basic credentials.
    private func authenticate(_ header: String?) throws(ImageError) {
        guard let header, let challenge = AuthenticationChallenge(header) else {
            throw .registryUnauthorized(registry: registry, detail: "it sent no WWW-Authenticate challenge")
        }
        let credentials = try RegistryCredentials.lookup(registry: registry, environment: access.environment)
        var basic: String?
        if case .basic(let user, let password) = credentials {
            basic = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        }
        switch challenge.scheme {
        case "basic":
            guard let basic else { throw .registryUnauthorized(registry: registry, detail: try unauthorizedHint(nil)) }
            authorization = basic
        case "bearer":
            authorization = "Bearer " + (try token(challenge, basic: basic))
        default:
            throw .registryUnauthorized(
                registry: registry, detail: "it asks for \(Quoted.brief(challenge.scheme, limit: 20)) authentication")
        }
    }

    /// A token from the challenge's realm, for pulling this repository.
    private func token(_ challenge: AuthenticationChallenge, basic: String?) throws(ImageError) -> String {
        guard let realm = challenge.parameters["realm"], var components = URLComponents(string: realm),
            components.host != nil
        else {
            throw .registryUnauthorized(registry: registry, detail: "its bearer challenge names no token realm")
        }
        var query = components.queryItems ?? []
        if let service = challenge.parameters["service"] { query.append(URLQueryItem(name: "service", value: service)) }
        query.append(
            URLQueryItem(name: "scope", value: challenge.parameters["scope"] ?? "repository:\(repository):pull"))
        components.queryItems = query
        guard let url = components.url else {
            throw .registryUnauthorized(registry: registry, detail: "its token realm is not a URL")
        }
        try checkScheme(url, what: "its token service")
        var headers = [("Accept", "application/json")]
        if let basic { headers.append(("Authorization", basic)) }
        let exchange = transport.get(url, headers: headers)
        let status = Int(try exchange.awaitResponse().status.code)
        guard status == 200 else {
            let text = try errorText(exchange)
            guard status == 401 || status == 403 else {
                throw .registryFailed(registry: registry, status: status, detail: "token service: \(text)")
            }
            throw .registryUnauthorized(registry: registry, detail: try unauthorizedHint(text))
        }
        struct Token: Decodable {
            var token: String?
            var accessToken: String?
            enum CodingKeys: String, CodingKey {
                case token
                case accessToken = "access_token"
            }
        }
        let body = try exchange.read(exactly: 1 << 20)
        exchange.cancel()
        guard let answer = try? JSONDecoder().decode(Token.self, from: Data(body)),
            let token = answer.token ?? answer.accessToken, !token.isEmpty
        else {
            throw .registryUnauthorized(registry: registry, detail: "its token service answered no token")
        }
        return token
    }

    // MARK: Messages and rules

    /// What to do about a 401, after the registry's own words.
    private func unauthorizedHint(_ said: String?) throws(ImageError) -> String {
        let prefix = said.map { "\($0): " } ?? ""
        switch try RegistryCredentials.lookup(registry: registry, environment: access.environment) {
        case .basic:
            return prefix
                + "the stored credentials for \(registry) were refused (or \(repository) does not exist): log in again"
        case .helper(let helper):
            return prefix
                + "the credentials for \(registry) are in the credential helper docker-credential-\(helper), which harden does not run: put them in an auth file ($REGISTRY_AUTH_FILE) with `podman login --authfile FILE \(registry)`"
        case .none:
            return prefix
                + "no credentials for \(registry) (or \(repository) does not exist): log in with `docker login \(registry)` or set REGISTRY_AUTH_FILE"
        }
    }

    /// Plain HTTP only to the hosts the user named with --insecure-registry (and the registry itself when named).
    private func checkScheme(_ url: URL, what: String) throws(ImageError) {
        guard url.scheme == "https" || (url.scheme == "http" && access.insecureRegistries.contains(Self.authority(url)))
        else {
            throw .registryFailed(
                registry: registry, status: 0,
                detail:
                    "\(what) is \(url.scheme ?? "not") HTTP(S) at \(Self.authority(url)): pass --insecure-registry \(Self.authority(url)) if you trust the network to it"
            )
        }
    }

    /// A TLS failure from a registry that speaks plain HTTP, said so with the option that allows it.
    private func plainHTTPHint(_ error: ImageError, url: URL) -> ImageError {
        guard HTTPExchange.isTLSFailure(error), url.scheme == "https",
            var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        else { return error }
        components.scheme = "http"
        components.path = "/v2/"
        guard let probeURL = components.url else { return error }
        let probe = transport.get(probeURL, headers: [])
        defer { probe.cancel() }
        // Any answer at all over plain HTTP is the hint; no answer leaves the TLS error as it was.
        guard (try? probe.awaitResponse()) != nil else { return error }
        return .registryUnreachable(
            registry: Self.authority(url),
            reason:
                "it speaks plain HTTP, not HTTPS: pass --insecure-registry \(Self.authority(url)) if you trust the network to it"
        )
    }

    /// The registry's error message (`{"errors":[{"code":..., "message":...}]}`), or the start of the body.
    private func errorText(_ exchange: HTTPExchange) throws(ImageError) -> String {
        let body = try exchange.read(exactly: 64 << 10)
        exchange.cancel()
        struct Errors: Decodable {
            struct Item: Decodable {
                var code: String?
                var message: String?
            }
            var errors: [Item]?
        }
        if let first = (try? JSONDecoder().decode(Errors.self, from: Data(body)))?.errors?.first {
            return Quoted.brief([first.code, first.message].compactMap { $0 }.joined(separator: ": "), limit: 160)
        }
        let text = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "no details" : Quoted.brief(text, limit: 160)
    }

    /// `host[:port]`, as --insecure-registry names a registry.
    static func authority(_ url: URL) -> String {
        let host = url.host?.lowercased() ?? ""
        return url.port.map { "\(host):\($0)" } ?? host
    }
}
