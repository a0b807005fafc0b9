/// One hardening failure found in a log: its kind, what it is about, the line that shows it, and what to do.
public struct DiagnosisFinding: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// The process wrote where the read-only root (or a read-only mount) forbids it.
        case writablePath = "writable-path"
        /// A writable volume is there but owned by someone else.
        case fsgroupOwnership = "fsgroup-ownership"
        /// The process runs as a user the image or its entrypoint does not expect.
        case uid
        /// The kubelet cannot verify a named USER under runAsNonRoot.
        case namedUser = "named-user"
        /// A non-root process cannot bind a port below 1024.
        case privilegedPort = "privileged-port"
        /// An operation needs a dropped capability.
        case capability
        /// Hardening-related, none of the above (a ConfigMap or Secret mount is read-only by design).
        case other
    }

    public var kind: Kind
    /// The directory that must become writable (or be owned by the pod's group), at its narrowest.
    public var path: String?
    public var port: Int?
    public var capability: String?
    /// The 1-based line of the first evidence, and its text.
    public var line: Int
    public var evidence: String
    public var explanation: String
    public var fix: String
    /// Whether the knowledge base already knew this fact for the image (nil when no image is known).
    public var inKnowledgeBase: Bool?

    enum CodingKeys: String, CodingKey {
        case kind, path, port, capability, line, evidence, explanation, fix, inKnowledgeBase
    }

    /// Writes every key, with explicit nulls, as the JSON contract documents.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(path, forKey: .path)
        try container.encode(port, forKey: .port)
        try container.encode(capability, forKey: .capability)
        try container.encode(line, forKey: .line)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(explanation, forKey: .explanation)
        try container.encode(fix, forKey: .fix)
        try container.encode(inKnowledgeBase, forKey: .inKnowledgeBase)
    }
}
