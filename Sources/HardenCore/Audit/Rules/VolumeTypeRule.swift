/// HRD213: volume types outside the restricted set (restricted: Volume Types).
public struct VolumeTypeRule: AuditRule {
    public static let id = "HRD213"
    public static let title = "volume type not allowed by the restricted profile"
    public static let severity = Finding.Severity.error
    public static let rationale =
        "The restricted Pod Security Standard allows only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret volumes."
    public static let remediation = "Use one of the allowed volume types."
    public static let fixable = false

    static let allowed: Set<String> = [
        "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret",
    ]

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        (subject.pod.volumes ?? []).enumerated().compactMap { index, volume in
            guard let type = volume.sources.first(where: { !Self.allowed.contains($0) }), type != "hostPath" else {
                return nil
            }
            return subject.finding(
                self, container: nil, field: "volumes[\(index)]",
                message: "volume \"\(volume.name)\" is of type \(type)")
        }
    }
}
