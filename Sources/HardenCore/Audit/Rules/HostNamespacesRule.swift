/// HRD209: host namespaces are shared (baseline: Host Namespaces).
public struct HostNamespacesRule: AuditRule {
    public static let id = "HRD209"
    public static let title = "host namespaces are shared"
    public static let severity = Finding.Severity.error
    public static let rationale =
        "hostNetwork, hostPID and hostIPC give the pod the host's network, processes or shared memory; the baseline Pod Security Standard forbids them."
    public static let remediation =
        "Remove hostNetwork, hostPID and hostIPC (not changed by `harden fix`: the workload may depend on them)."
    public static let fixable = false

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        let pod = subject.pod
        return [("hostNetwork", pod.hostNetwork), ("hostPID", pod.hostPID), ("hostIPC", pod.hostIPC)].compactMap {
            field, value in
            guard value == true else { return nil }
            return subject.finding(self, container: nil, field: field, message: "\(field) is true")
        }
    }
}
