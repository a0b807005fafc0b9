/// HRD201: the root filesystem is writable.
public struct ReadOnlyRootFilesystemRule: AuditRule {
    public static let id = "HRD201"
    public static let title = "readOnlyRootFilesystem is not true"
    public static let severity = Finding.Severity.error
    public static let rationale =
        "A writable root filesystem lets an attacker or a bug change the image's binaries and configuration at run time, and hides which paths the process really writes."
    public static let remediation =
        "Set securityContext.readOnlyRootFilesystem: true and mount a volume at each path the image writes; `harden fix` does both."
    public static let fixable = true

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.containers.compactMap { container in
            guard container.effective.readOnlyRootFilesystem != true else { return nil }
            return subject.finding(
                self, container: container, field: "securityContext.readOnlyRootFilesystem",
                message: "the root filesystem is writable")
        }
    }
}
