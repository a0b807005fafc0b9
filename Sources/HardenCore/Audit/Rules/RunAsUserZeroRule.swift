/// HRD204: runAsUser is 0 (restricted: Running as Non-root user).
public struct RunAsUserZeroRule: AuditRule {
    public static let id = "HRD204"
    public static let title = "runAsUser is 0 (root)"
    public static let severity = Finding.Severity.error
    public static let rationale = "The restricted Pod Security Standard forbids runAsUser: 0."
    public static let remediation = "Run as the image's non-root uid (see `harden resolve IMAGE`)."
    public static let fixable = true

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.containers.compactMap { container in
            guard container.effective.runAsUser == 0 else { return nil }
            return subject.finding(
                self, container: container, field: "securityContext.runAsUser", message: "runs as root (uid 0)")
        }
    }
}
