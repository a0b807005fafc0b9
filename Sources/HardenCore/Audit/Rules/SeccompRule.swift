/// HRD205: no seccomp profile, or Unconfined (baseline and restricted: Seccomp).
public struct SeccompRule: AuditRule {
    public static let id = "HRD205"
    public static let title = "seccompProfile is not RuntimeDefault or Localhost"
    public static let severity = Finding.Severity.error
    public static let rationale =
        "The restricted Pod Security Standard requires a seccomp profile (RuntimeDefault or Localhost); baseline forbids Unconfined. Seccomp blocks system calls a container never needs."
    public static let remediation = "Set securityContext.seccompProfile.type: RuntimeDefault at pod level."
    public static let fixable = true

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.containers.compactMap { container in
            let type = container.effective.seccompType
            guard type != "RuntimeDefault" && type != "Localhost" else { return nil }
            let message = type == "Unconfined" ? "seccomp is Unconfined" : "no seccomp profile is set"
            return subject.finding(
                self, container: container, field: "securityContext.seccompProfile", message: message)
        }
    }
}
