/// Why an image could not be read for inference. Every case quotes what it names briefly.
public enum ImageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The source string is not one of the forms `harden infer` reads.
    case unknownSource(String)
    /// A `registry:` source whose reference does not parse.
    case invalidReference(String)
    /// A file or directory of the source is missing or unreadable.
    case unreadable(path: String, reason: String)
    /// The image's structure is wrong: a manifest, config or archive that does not parse.
    case malformed(String)
    /// A blob's bytes do not hash to the digest that names it.
    case digestMismatch(blob: String, actual: String)
    /// A layer or archive over the caps that bound time and memory.
    case overLimit(String)
    /// A layer compressed in a way harden does not read.
    case unsupportedMediaType(String)
    /// The layout or archive holds no image by that tag, or several and none was named.
    case noSuchImage(String)
    /// A registry could not be reached: refused, timed out, or a TLS failure, with what to do where harden knows.
    case registryUnreachable(registry: String, reason: String)
    /// A registry refused the credentials harden has (or its having none).
    case registryUnauthorized(registry: String, detail: String)
    /// A registry answered with an error harden has no better name for.
    case registryFailed(registry: String, status: Int, detail: String)
    /// A proxy variable (`https_proxy`, `all_proxy`...) names no proxy harden can use.
    case proxySetting(variable: String, value: String)

    public var description: String {
        switch self {
        case .unknownSource(let source):
            "\(Quoted.brief(source, limit: 80)) is not an image source: use oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:REF] or registry:REF"
        case .invalidReference(let reason): reason
        case .unreadable(let path, let reason): "cannot read \(Quoted.brief(path, limit: 120)): \(reason)"
        case .malformed(let detail): "the image is malformed: \(detail)"
        case .digestMismatch(let blob, let actual):
            "blob \(Quoted.brief(blob, limit: 80)) hashes to sha256:\(actual): the image is corrupt or was altered"
        case .overLimit(let detail): "the image is over harden's limits: \(detail)"
        case .unsupportedMediaType(let type):
            "layer media type \(Quoted.brief(type, limit: 100)) is not supported (gzip and uncompressed tar are)"
        case .noSuchImage(let detail): detail
        case .registryUnreachable(let registry, let reason):
            "cannot reach the registry \(Quoted.brief(registry, limit: 80)): \(reason)"
        case .registryUnauthorized(let registry, let detail):
            "the registry \(Quoted.brief(registry, limit: 80)) refused access: \(detail)"
        case .registryFailed(let registry, let status, let detail):
            "the registry \(Quoted.brief(registry, limit: 80)) answered HTTP \(status): \(detail)"
        case .proxySetting(let variable, let value):
            "\(variable) is \(Quoted.brief(Self.withoutCredentials(value), limit: 80)), not a proxy harden can use: set it to http://[USER:PASSWORD@]HOST[:PORT] or socks5://HOST[:PORT], or unset it"
        }
    }

    /// A proxy URL with its user and password masked, for messages.
    private static func withoutCredentials(_ url: String) -> String {
        guard let at = url.lastIndex(of: "@") else { return url }
        let start = url.range(of: "://")?.upperBound ?? url.startIndex
        return start < at ? String(url[..<start]) + "***" + String(url[at...]) : url
    }
}

extension ImageError: HardenError {
    public var category: ErrorCategory {
        switch self {
        case .unknownSource: .invalidOption
        case .invalidReference: .invalidInput
        case .unreadable, .noSuchImage: .notFound
        case .malformed, .digestMismatch, .overLimit, .unsupportedMediaType: .invalidInput
        case .registryUnreachable, .registryUnauthorized, .registryFailed: .unavailableData
        case .proxySetting: .invalidOption
        }
    }
}
