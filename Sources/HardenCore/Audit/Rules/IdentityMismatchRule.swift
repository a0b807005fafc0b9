/// HRD103: runAsUser/runAsGroup differ from the identity that owns the files the image writes.
public struct IdentityMismatchRule: AuditRule {
    public static let id = "HRD103"
    public static let title = "runAsUser or runAsGroup does not match the image's files"
    public static let severity = Finding.Severity.warning
    public static let rationale =
        "Images create their writable directories owned by one user (postgres 999, nginx 101). Running as another uid gives \"Permission denied\" on anything the image did not put on a volume, and on persistent volumes written before. Images the knowledge base knows to run as any uid (arbitraryUid) are not checked."
    public static let remediation =
        "Use the image's own non-root uid and gid (see `harden resolve IMAGE`), or make sure every path it writes is a fresh volume."
    public static let fixable = false

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.appContainers.flatMap { container -> [Finding] in
            // An image that runs as any uid has no files of its own uid to mismatch.
            guard let user = container.facts?.user, !user.arbitraryUid else { return [] }
            var findings: [Finding] = []
            if let uid = container.effective.runAsUser, uid != 0, uid != user.uid {
                findings.append(
                    subject.finding(
                        self, container: container, field: "securityContext.runAsUser",
                        message:
                            "runs as uid \(uid), but the image's files belong to uid \(user.uid): expect \"Permission denied\" at start"
                    ))
            }
            if let gid = container.effective.runAsGroup, gid != 0, gid != user.gid {
                findings.append(
                    subject.finding(
                        self, container: container, field: "securityContext.runAsGroup",
                        message: "runs as gid \(gid), but the image's files belong to gid \(user.gid)"))
            }
            return findings
        }
    }
}
