/// HRD219: AppArmor is Unconfined (baseline: AppArmor).
public struct AppArmorRule: AuditRule {
    public static let id = "HRD219"
    public static let title = "AppArmor profile is Unconfined"
    public static let severity = Finding.Severity.error
    public static let rationale =
        "The baseline Pod Security Standard forbids overriding the AppArmor profile to Unconfined."
    public static let remediation = "Remove appArmorProfile or use RuntimeDefault or Localhost."
    public static let fixable = false

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.containers.compactMap { container in
            guard container.effective.appArmorType == "Unconfined" else { return nil }
            return subject.finding(
                self, container: container, field: "securityContext.appArmorProfile", message: "AppArmor is Unconfined")
        }
    }
}
