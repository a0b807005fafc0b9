import Foundation

/// Where an image is read from, as `harden infer` names it (the transports of skopeo and podman).
public enum ImageSource: Sendable, Equatable, CustomStringConvertible {
    /// An OCI image layout directory, and the tag (`org.opencontainers.image.ref.name`) to pick.
    case ociLayout(directory: String, tag: String?)
    /// An OCI layout in a tar file (`podman save --format oci-archive`).
    case ociArchive(file: String, tag: String?)
    /// `docker save` / `podman save` output, and the reference to pick among its RepoTags.
    case dockerArchive(file: String, reference: String?)
    /// An image in its registry, pulled over the OCI distribution API (`registry:nginx:1.27`).
    case registry(reference: String)

    /// Whether `text` names an image source rather than a Dockerfile.
    public static func looksLikeSource(_ text: String) -> Bool {
        ["oci:", "oci-archive:", "docker-archive:", "registry:"].contains { text.hasPrefix($0) }
    }

    public static func parse(_ text: String) throws(ImageError) -> ImageSource {
        func split(_ rest: Substring) -> (String, String?) {
            // A tag or reference follows the last ':' only when what precedes it is the path (paths may hold ':').
            guard let colon = rest.lastIndex(of: ":"), !rest[rest.index(after: colon)...].contains("/") else {
                return (String(rest), nil)
            }
            let path = String(rest[..<colon])
            let selector = String(rest[rest.index(after: colon)...])
            return FileManager.default.fileExists(atPath: String(rest)) || selector.isEmpty
                ? (String(rest), nil) : (path, selector)
        }
        if text.hasPrefix("oci-archive:") {
            let (file, tag) = split(text.dropFirst("oci-archive:".count))
            return .ociArchive(file: file, tag: tag)
        }
        if text.hasPrefix("docker-archive:") {
            let rest = text.dropFirst("docker-archive:".count)
            // docker-archive:FILE:REPO:TAG — the reference itself has a ':' before its tag.
            if let archiveEnd = rest.range(of: ".tar:") {
                return .dockerArchive(
                    file: String(rest[..<archiveEnd.lowerBound]) + ".tar",
                    reference: String(rest[archiveEnd.upperBound...]))
            }
            return .dockerArchive(file: String(rest), reference: nil)
        }
        if text.hasPrefix("oci:") {
            let (directory, tag) = split(text.dropFirst("oci:".count))
            return .ociLayout(directory: directory, tag: tag)
        }
        if text.hasPrefix("registry:") {
            let reference = String(text.dropFirst("registry:".count))
            _ = try Self.reference(reference)
            return .registry(reference: reference)
        }
        throw .unknownSource(text)
    }

    /// A reference parsed as container engines do: `nginx` is `docker.io/library/nginx:latest`.
    static func reference(_ text: String) throws(ImageError) -> ImageReference {
        do {
            return try ImageReference.parse(text)
        } catch {
            throw .invalidReference(error.description)
        }
    }

    public var description: String {
        switch self {
        case .ociLayout(let directory, let tag): "oci:\(directory)\(tag.map { ":\($0)" } ?? "")"
        case .ociArchive(let file, let tag): "oci-archive:\(file)\(tag.map { ":\($0)" } ?? "")"
        case .dockerArchive(let file, let reference): "docker-archive:\(file)\(reference.map { ":\($0)" } ?? "")"
        case .registry(let reference): "registry:\(reference)"
        }
    }
}
