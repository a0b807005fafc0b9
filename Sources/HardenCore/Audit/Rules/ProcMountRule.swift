/// HRD218: an unmasked /proc (baseline: /proc Mount Type).
public struct ProcMountRule: AuditRule {
    public static let id = "HRD218"
    public static let title = "procMount is Unmasked"
    public static let severity = Finding.Severity.error
    public static let rationale = "The baseline Pod Security Standard requires the default /proc masks."
    public static let remediation = "Remove securityContext.procMount or set it to Default."
    public static let fixable = false

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.containers.compactMap { container in
            guard let mount = container.effective.procMount, mount != "Default" else { return nil }
            return subject.finding(
                self, container: container, field: "securityContext.procMount", message: "procMount is \(mount)")
        }
    }
}
