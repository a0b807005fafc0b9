/// Why seed data could not be loaded or built.
public enum SeedError: HardenError, Equatable {
    /// The seed directory does not exist or cannot be listed.
    case unreadableDirectory(path: String, reason: String)
    /// A seed file named on the command line does not exist or cannot be read.
    case unreadableFile(path: String, reason: String)
    /// One or more files break the format; every problem is listed.
    case invalid([SeedIssue])
    /// A seed-data directory that would replace the shipped entries without holding them.
    case missingShippedEntries(directory: String, missing: Int, examples: [String])

    public var category: ErrorCategory { .invalidInput }

    public var description: String {
        switch self {
        case .unreadableDirectory(let path, let reason):
            "cannot read seed directory \"\(Quoted.brief(path))\": \(reason); pass an existing directory with --seed-data"
        case .unreadableFile(let path, let reason):
            "cannot read seed file \"\(Quoted.brief(path))\": \(reason); name an existing seed file or directory"
        case .invalid(let issues):
            issues.filter { $0.severity == .error }.map(\.description).joined(separator: "\n")
        case .missingShippedEntries(let directory, let missing, let examples):
            "\"\(Quoted.brief(directory))\" lacks \(missing) shipped entries (\(examples.joined(separator: ", "))...): building from it alone would drop them; put a team's own entries in an overlay with --seed-dir \(Quoted.brief(directory)), or pass --replace-shipped"
        }
    }
}
