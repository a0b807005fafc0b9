/// One edit `harden fix` made, said in words: what changed where.
public struct FixChange: Codable, Sendable, Equatable, CustomStringConvertible {
    public var object: String
    public var container: String?
    public var change: String

    public var description: String { "\(object)\(container.map { " [\($0)]" } ?? ""): \(change)" }
}

/// The fix of one manifest file.
public struct FixedFile: Sendable {
    public var file: String
    public var original: String
    /// The whole file rewritten, or nil when nothing needed changing (the original stands as it was).
    public var fixed: String?
    public var changes: [FixChange]
    /// Strategic-merge patches, one per changed object, for `--patch`.
    public var patches: [String]
    public var problems: [InputProblem]
}
