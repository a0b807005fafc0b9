import HardenCore

/// harden's exit codes, documented in `harden --help` and the README. Errors map to them here and nowhere else.
public enum ExitStatus {
    public static let success: Int32 = 0
    /// An unexpected failure: a bug, or the environment (disk full, permissions).
    public static let failure: Int32 = 1
    /// Valid input the knowledge base has no entry for (`resolve`, `show`), or findings (`audit`, `entries lint`).
    public static let notFound: Int32 = 2
    /// Invalid input: a malformed image reference, a bad seed file, broken YAML.
    public static let invalidInput: Int32 = 3
    /// The knowledge base is missing, corrupt or from another schema.
    public static let unavailableData: Int32 = 4
    /// The command line itself is wrong (EX_USAGE).
    public static let usage: Int32 = 64

    static func code(for category: ErrorCategory) -> Int32 { category.exitCode }

    /// The text for `--help`.
    static let summary = """
        EXIT CODES:
          0   success
          1   unexpected failure
          2   not in the knowledge base (resolve, show, generate); findings (audit, diagnose, entries
              lint); a data migration withheld (fix)
          3   invalid input: image reference, seed file, manifest, log or Dockerfile
          4   knowledge base missing, corrupt, unreadable or from another schema
          64  usage error: unknown command or flag, option out of range or not applicable
        """
}
