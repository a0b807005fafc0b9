import Hummingbird

/// The request context of the service: Hummingbird's basics with harden's body limit.
public struct HardenRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// Manifests for /v1/audit are the largest bodies: 1 MiB covers a large Helm release.
    public var maxUploadSize: Int { 1 << 20 }
}
