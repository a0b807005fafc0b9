/// HRD211: host ports (baseline: Host Ports).
public struct HostPortRule: AuditRule {
    public static let id = "HRD211"
    public static let title = "hostPort is used"
    public static let severity = Finding.Severity.warning
    public static let rationale =
        "A hostPort binds the node's port, which the baseline Pod Security Standard restricts to a known list (none by default)."
    public static let remediation = "Expose the pod through a Service instead of a hostPort."
    public static let fixable = false

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.containers.flatMap { container in
            (container.container.ports ?? []).enumerated().compactMap { index, port in
                guard let host = port.hostPort, host != 0 else { return nil }
                return subject.finding(
                    self, container: container, field: "ports[\(index)].hostPort", message: "binds host port \(host)")
            }
        }
    }
}
