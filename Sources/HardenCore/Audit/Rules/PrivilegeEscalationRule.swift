/// HRD202: privilege escalation is allowed (restricted: Privilege Escalation).
public struct PrivilegeEscalationRule: AuditRule {
    public static let id = "HRD202"
    public static let title = "allowPrivilegeEscalation is not false"
    public static let severity = Finding.Severity.error
    public static let rationale =
        "The restricted Pod Security Standard requires allowPrivilegeEscalation: false, so setuid binaries and file capabilities cannot raise privileges (no_new_privs)."
    public static let remediation = "Set securityContext.allowPrivilegeEscalation: false."
    public static let fixable = true

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.containers.compactMap { container in
            guard container.effective.allowPrivilegeEscalation != false else { return nil }
            return subject.finding(
                self, container: container, field: "securityContext.allowPrivilegeEscalation",
                message: "privilege escalation is allowed")
        }
    }
}
