/// HRD217: custom SELinux user, role or type (baseline: SELinux).
public struct SELinuxRule: AuditRule {
    public static let id = "HRD217"
    public static let title = "custom SELinux options"
    public static let severity = Finding.Severity.error
    public static let rationale =
        "The baseline Pod Security Standard forbids setting the SELinux user or role, and allows only the container_t, container_init_t, container_kvm_t and container_engine_t types."
    public static let remediation = "Remove seLinuxOptions.user and role, and use an allowed type."
    public static let fixable = false

    static let allowedTypes: Set<String> = ["container_t", "container_init_t", "container_kvm_t", "container_engine_t"]

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.containers.compactMap { container in
            guard let options = container.effective.seLinux else { return nil }
            let badType = options.type.map { !Self.allowedTypes.contains($0) } ?? false
            guard options.user != nil || options.role != nil || badType else { return nil }
            return subject.finding(
                self, container: container, field: "securityContext.seLinuxOptions",
                message: "sets a custom SELinux user, role or type")
        }
    }
}
