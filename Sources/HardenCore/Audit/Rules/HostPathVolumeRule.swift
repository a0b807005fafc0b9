/// HRD210: hostPath volumes (baseline: HostPath Volumes).
public struct HostPathVolumeRule: AuditRule {
    public static let id = "HRD210"
    public static let title = "hostPath volume"
    public static let severity = Finding.Severity.error
    public static let rationale =
        "A hostPath volume exposes the node's filesystem to the pod; the baseline Pod Security Standard forbids it."
    public static let remediation =
        "Use an emptyDir, a PersistentVolumeClaim or a CSI volume instead (not changed by `harden fix`)."
    public static let fixable = false

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        (subject.pod.volumes ?? []).enumerated().compactMap { index, volume in
            guard volume.sources.contains("hostPath") else { return nil }
            return subject.finding(
                self, container: nil, field: "volumes[\(index)].hostPath",
                message: "volume \"\(volume.name)\" is a hostPath")
        }
    }
}
