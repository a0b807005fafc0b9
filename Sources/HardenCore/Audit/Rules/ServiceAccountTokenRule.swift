/// HRD215: the service account token is mounted.
public struct ServiceAccountTokenRule: AuditRule {
    public static let id = "HRD215"
    public static let title = "service account token is automounted"
    public static let severity = Finding.Severity.warning
    public static let rationale =
        "Most workloads never call the Kubernetes API; a mounted token lets a compromised container do so with the service account's rights."
    public static let remediation =
        "Set automountServiceAccountToken: false unless the workload uses the API (not changed by `harden fix`)."
    public static let fixable = false

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        guard subject.pod.automountServiceAccountToken != false else { return [] }
        return [
            subject.finding(
                self, container: nil, field: "automountServiceAccountToken",
                message: "the service account token is mounted")
        ]
    }
}
