/// HRD214: the process runs with group 0.
public struct RunAsGroupRule: AuditRule {
    public static let id = "HRD214"
    public static let title = "runAsGroup is 0 or not set"
    public static let severity = Finding.Severity.warning
    public static let rationale =
        "Without runAsGroup the process keeps the image's primary group, often root (gid 0), and can write every file the image made group-writable for root."
    public static let remediation = "Set runAsGroup to the image's non-root gid; `harden fix` sets it."
    public static let fixable = true

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.containers.compactMap { container in
            guard container.effective.runAsGroup == nil || container.effective.runAsGroup == 0 else { return nil }
            let message =
                container.effective.runAsGroup == 0
                ? "runs with group 0 (root)" : "runAsGroup is not set, so the group may be root"
            return subject.finding(self, container: container, field: "securityContext.runAsGroup", message: message)
        }
    }
}
