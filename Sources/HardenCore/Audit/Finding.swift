/// One problem found in a manifest, located by object, container and field.
public struct Finding: Codable, Sendable, Equatable {
    public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
        case info
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .error: 2
            }
        }
    }

    /// The Kubernetes object a finding is about.
    public struct Object: Codable, Sendable, Equatable, Hashable {
        public var kind: String
        public var namespace: String?
        public var name: String
        public var file: String
        public var line: Int?

        public var label: String { "\(kind) \(namespace.map { "\($0)/" } ?? "")\(name)" }
    }

    public var ruleID: String
    public var severity: Severity
    public var object: Object
    /// The container's name, or nil for a pod-level finding.
    public var container: String?
    /// The field at fault, from the object's root: `spec.template.spec.containers[0].securityContext.privileged`.
    public var fieldPath: String
    public var line: Int?
    public var message: String
    public var fix: String
}
