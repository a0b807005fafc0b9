/// HRD206: capabilities are not dropped (restricted: Capabilities).
public struct CapabilitiesDropAllRule: AuditRule {
    public static let id = "HRD206"
    public static let title = "capabilities do not drop ALL"
    public static let severity = Finding.Severity.error
    public static let rationale =
        "The restricted Pod Security Standard requires dropping ALL capabilities; the runtime's default set includes CHOWN, DAC_OVERRIDE, SETUID and others a hardened process never needs."
    public static let remediation = "Set securityContext.capabilities.drop: [ALL]."
    public static let fixable = true

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.containers.compactMap { container in
            guard !container.effective.droppedCapabilities.contains("ALL") else { return nil }
            return subject.finding(
                self, container: container, field: "securityContext.capabilities.drop",
                message: "capabilities are not dropped")
        }
    }
}
