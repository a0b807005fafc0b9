/// HRD207: capabilities beyond NET_BIND_SERVICE are added (baseline and restricted: Capabilities).
public struct CapabilitiesAddRule: AuditRule {
    public static let id = "HRD207"
    public static let title = "capabilities other than NET_BIND_SERVICE are added"
    public static let severity = Finding.Severity.error
    public static let rationale =
        "The restricted Pod Security Standard allows adding only NET_BIND_SERVICE; baseline allows only the runtime's default set. Added capabilities widen what a compromised process can do."
    public static let remediation = "Remove the capability; see `harden show IMAGE` for how the image works without it."
    public static let fixable = true

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.containers.flatMap { container in
            container.effective.addedCapabilities.filter { $0 != "NET_BIND_SERVICE" }.map { capability in
                subject.finding(
                    self, container: container, field: "securityContext.capabilities.add",
                    message: "adds capability \(capability)")
            }
        }
    }
}
