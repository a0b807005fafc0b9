/// HRD208: a privileged container (baseline: Privileged Containers).
public struct PrivilegedRule: AuditRule {
    public static let id = "HRD208"
    public static let title = "privileged container"
    public static let severity = Finding.Severity.error
    public static let rationale =
        "A privileged container has every capability and access to the host's devices; the baseline Pod Security Standard forbids it."
    public static let remediation = "Set securityContext.privileged: false and grant only what the process needs."
    public static let fixable = true

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.containers.compactMap { container in
            guard container.effective.privileged == true else { return nil }
            return subject.finding(
                self, container: container, field: "securityContext.privileged", message: "runs privileged")
        }
    }
}
