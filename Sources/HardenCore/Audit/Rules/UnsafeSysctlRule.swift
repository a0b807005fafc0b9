/// HRD212: sysctls outside the safe set (baseline: Sysctls).
public struct UnsafeSysctlRule: AuditRule {
    public static let id = "HRD212"
    public static let title = "unsafe sysctl"
    public static let severity = Finding.Severity.error
    public static let rationale = "The baseline Pod Security Standard allows only the namespaced, safe sysctls."
    public static let remediation = "Remove the sysctl, or get it allowed for the node explicitly."
    public static let fixable = false

    /// The safe set of the baseline profile (Kubernetes 1.29+).
    public static let safe: Set<String> = [
        "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
        "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
        "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
        "net.ipv4.tcp_keepalive_probes",
    ]

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        (subject.pod.securityContext?.sysctls ?? []).enumerated().compactMap { index, sysctl in
            guard !Self.safe.contains(sysctl.name) else { return nil }
            return subject.finding(
                self, container: nil, field: "securityContext.sysctls[\(index)]",
                message: "sets unsafe sysctl \(sysctl.name)")
        }
    }
}
