/// HRD203: nothing requires a non-root user (restricted: Running as Non-root).
public struct RunAsNonRootRule: AuditRule {
    public static let id = "HRD203"
    public static let title = "runAsNonRoot is not true"
    public static let severity = Finding.Severity.error
    public static let rationale =
        "The restricted Pod Security Standard requires runAsNonRoot: true at pod or container level, so that a container never runs as root by accident."
    public static let remediation = "Set securityContext.runAsNonRoot: true at pod level, with a numeric runAsUser."
    public static let fixable = true

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.containers.compactMap { container in
            guard container.effective.runAsNonRoot != true else { return nil }
            return subject.finding(
                self, container: container, field: "securityContext.runAsNonRoot",
                message: "the container may run as root")
        }
    }
}
