/// Why `harden verify` could not run the image at all (a failed run is a result, not an error).
public enum VerifyError: HardenError, Equatable {
    case engineMissing(ContainerEngine.Kind)
    case imageNotFound(String, ContainerEngine.Kind)
    case engineFailed(String)
    case environment(String)
    case invalidProbe(String)
    case notInKnowledgeBase(String)

    public var category: ErrorCategory {
        switch self {
        case .engineMissing, .imageNotFound, .engineFailed, .environment: .unavailableEngine
        case .invalidProbe: .invalidOption
        case .notInKnowledgeBase: .notFound
        }
    }

    public var description: String {
        switch self {
        case .engineMissing(let kind):
            "\(kind.rawValue) is not installed (not on PATH): install it, or choose another engine with --engine"
        case .imageNotFound(let reference, let kind):
            "image \"\(Quoted.brief(reference))\" is not in \(kind.rawValue)'s local store: build or load it, or pass --pull to pull it"
        case .engineFailed(let message):
            "the engine failed: \(message) (engine arguments this environment needs go in HARDEN_ENGINE_ARGS)"
        case .environment(let message): message
        case .invalidProbe(let text):
            "invalid probe \"\(Quoted.brief(text))\": write tcp:PORT or http:PORT/PATH"
        case .notInKnowledgeBase(let reference):
            "\"\(Quoted.brief(reference))\" is not in the knowledge base: add an entry with `harden entries new` (an overlay in --seed-dir) and verify it, with --learn to find its writable paths"
        }
    }
}
