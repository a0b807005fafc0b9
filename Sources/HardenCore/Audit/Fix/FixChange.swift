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
    /// Changes that would move where existing persistent data lives: never applied, said as manual steps.
    public var migrations: [FixMigration] = []
    /// Strategic-merge patches, one per changed object, when asked for (`--patch`).
    public var patches: [String]
    public var problems: [InputProblem]
    /// Set when the file could not be edited in place and was re-emitted: why.
    public var formatting: String?
}

/// A change `harden fix` withheld because it would move where an existing workload keeps its persistent data (the
/// process would start over in the new place while the old data sits unused): what it is, why, the commands that
/// migrate the data by hand, and what was applied instead.
public struct FixMigration: Codable, Sendable, Equatable, CustomStringConvertible {
    public var object: String
    public var container: String
    public var change: String
    public var why: String
    public var steps: [String]
    public var instead: String

    public var description: String {
        "\(object) [\(container)]: NOT APPLIED (moves data): \(change). \(why) Applied instead: \(instead) To migrate: "
            + steps.joined(separator: "; ")
    }
}
