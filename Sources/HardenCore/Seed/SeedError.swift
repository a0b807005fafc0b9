/// Why seed data could not be loaded or built.
public enum SeedError: HardenError, Equatable {
    /// The seed directory does not exist or cannot be listed.
    case unreadableDirectory(path: String, reason: String)
    /// A seed file named on the command line does not exist or cannot be read.
    case unreadableFile(path: String, reason: String)
    /// One or more files break the format; every problem is listed.
    case invalid([SeedIssue])

    public var category: ErrorCategory { .invalidInput }

    public var description: String {
        switch self {
        case .unreadableDirectory(let path, let reason):
            "cannot read seed directory \"\(path)\": \(reason); pass an existing directory with --seed-data"
        case .unreadableFile(let path, let reason):
            "cannot read seed file \"\(path)\": \(reason); name an existing seed file or directory"
        case .invalid(let issues):
            issues.filter { $0.severity == .error }.map(\.description).joined(separator: "\n")
        }
    }
}
