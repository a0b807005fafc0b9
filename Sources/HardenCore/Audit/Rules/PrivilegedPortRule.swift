/// HRD104: a non-root process must bind a port below 1024 and nothing lets it.
public struct PrivilegedPortRule: AuditRule {
    public static let id = "HRD104"
    public static let title = "a non-root process cannot bind its privileged port"
    public static let severity = Finding.Severity.error
    public static let rationale =
        "Ports below 1024 need privilege to bind. A non-root process fails with \"Permission denied\" unless the namespaced sysctl net.ipv4.ip_unprivileged_port_start is lowered (NET_BIND_SERVICE does not reach a non-root process without file capabilities)."
    public static let remediation =
        "Make the image listen on a port >= 1024 (see `harden resolve IMAGE` for how), or set the pod sysctl net.ipv4.ip_unprivileged_port_start to the port: `harden fix` adds the sysctl."
    public static let fixable = true

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.appContainers.flatMap { container -> [Finding] in
            guard container.effective.runsAsNonRoot else { return [] }
            return subject.privilegedPortsToAllow(container).map { port in
                let change = container.facts?.ports.first { $0.port == port }?.howToChange.map { " (\($0))" } ?? ""
                return subject.finding(
                    self, container: container, field: "ports",
                    message:
                        "listens on \(port) as a non-root user with nothing allowing it to bind below 1024: it will fail with \"Permission denied\"\(change)"
                )
            }
        }
    }
}
