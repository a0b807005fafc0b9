import Foundation

/// The credentials a user gave container tools for a registry: `$REGISTRY_AUTH_FILE` (podman, skopeo) or
/// `~/.docker/config.json`, whose `auths.<registry>.auth` is base64 `user:password`. Credential helpers
/// (`credHelpers`, `credsStore`) are programs harden does not run: they are reported, not used.
enum RegistryCredentials: Equatable {
    case basic(user: String, password: String)
    /// No stored password, but a helper that holds one: named in the error when the registry wants credentials.
    case helper(String)
    case none

    /// The credentials for `registry` (a reference's domain: `docker.io`, `ghcr.io`, `127.0.0.1:5000`).
    static func lookup(registry: String, environment: [String: String]) throws(ImageError) -> RegistryCredentials {
        let path: String
        if let file = environment["REGISTRY_AUTH_FILE"], !file.isEmpty {
            path = file
        } else if let home = environment["HOME"], !home.isEmpty,
            FileManager.default.fileExists(atPath: home + "/.docker/config.json")
        {
            path = home + "/.docker/config.json"
        } else {
            return .none
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "no such file, or permission denied")
        }
        let file: AuthFile
        do {
            file = try JSONDecoder().decode(AuthFile.self, from: data)
        } catch {
            throw .unreadable(path: path, reason: "not a container auth file (\(Quoted.brief("\(error)", limit: 100)))")
        }
        let wanted = canonical(registry)
        if let entry = file.auths?.first(where: { canonical($0.key) == wanted })?.value, let encoded = entry.auth,
            !encoded.isEmpty
        {
            guard let decoded = Data(base64Encoded: encoded).flatMap({ String(data: $0, encoding: .utf8) }),
                let colon = decoded.firstIndex(of: ":")
            else {
                throw .unreadable(path: path, reason: "auths.\(registry).auth is not base64 user:password")
            }
            return .basic(user: String(decoded[..<colon]), password: String(decoded[decoded.index(after: colon)...]))
        }
        if let helper = file.credHelpers?.first(where: { canonical($0.key) == wanted })?.value ?? file.credsStore {
            return .helper(helper)
        }
        return .none
    }

    /// An auth file key as a registry name: Docker writes Docker Hub as `https://index.docker.io/v1/`.
    private static func canonical(_ key: String) -> String {
        var name = Substring(key.lowercased())
        for scheme in ["https://", "http://"] where name.hasPrefix(scheme) { name = name.dropFirst(scheme.count) }
        if let slash = name.firstIndex(of: "/") { name = name[..<slash] }
        return ["index.docker.io", "registry-1.docker.io"].contains(String(name)) ? "docker.io" : String(name)
    }

    private struct AuthFile: Decodable {
        struct Entry: Decodable { var auth: String? }
        var auths: [String: Entry]?
        var credHelpers: [String: String]?
        var credsStore: String?
    }
}
