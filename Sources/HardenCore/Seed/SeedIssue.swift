/// One problem found in a seed file, located by file, line and field.
///
/// Rendered as `images/docker.io/library/nginx.yaml:42: variants[0].writablePaths[1].path: "/usr" is a system
/// root; list the specific subdirectory the image writes`.
public struct SeedIssue: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
    }

    public var severity: Severity
    public var file: String
    public var line: Int?
    /// The field path inside the file, `variants[0].user.uid`; empty for the file as a whole.
    public var field: String
    public var message: String

    public init(_ severity: Severity, file: String, line: Int?, field: String, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// The file is escaped as the text is printed (a file name is whatever the directory holds); `file` itself, and
    /// so the JSON, keeps the name as it is.
    public var description: String {
        let location = Quoted.escaped(line.map { "\(file):\($0)" } ?? file)
        let prefix = severity == .warning ? "warning: " : ""
        return field.isEmpty ? "\(location): \(prefix)\(message)" : "\(location): \(prefix)\(field): \(message)"
    }
}
