/// HRD216: the image is `latest` or has no tag and no digest.
public struct ImageTagRule: AuditRule {
    public static let id = "HRD216"
    public static let title = "image uses latest or no tag"
    public static let severity = Finding.Severity.warning
    public static let rationale =
        "A floating tag changes under a running workload: the next pull may be a different version, variant or user, and what harden knows about it may no longer apply."
    public static let remediation = "Pin a version tag, and a digest where you can."
    public static let fixable = false

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.containers.compactMap { container in
            guard let reference = container.resolution?.reference, reference.digest == nil,
                reference.tag == "latest"
            else { return nil }
            let message =
                reference.tagIsImplicit
                ? "\(container.container.image ?? "") has no tag (latest)"
                : "\(container.container.image ?? "") uses the latest tag"
            return subject.finding(self, container: container, field: "image", message: message)
        }
    }
}
