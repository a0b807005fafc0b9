/// HRD105: runAsNonRoot without runAsUser on an image whose USER is root or a name.
public struct UnverifiableUserRule: AuditRule {
    public static let id = "HRD105"
    public static let title = "runAsNonRoot cannot be verified without runAsUser"
    public static let severity = Finding.Severity.error
    public static let rationale =
        "The kubelet checks runAsNonRoot against the image's USER. An image that runs as root is refused (\"container has runAsNonRoot and image will run as root\"); one whose USER is a name cannot be verified (\"image has non-numeric user\"). Either way the pod never starts (CreateContainerConfigError)."
    public static let remediation =
        "Set a numeric runAsUser (and runAsGroup): the image's own non-root uid; `harden fix` sets it."
    public static let fixable = true

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.appContainers.compactMap { container in
            guard container.effective.runAsNonRoot == true, container.effective.runAsUser == nil,
                let user = container.facts?.user
            else { return nil }
            if NonRootUser.isRoot(user.shipped) {
                return subject.finding(
                    self, container: container, field: "securityContext.runAsUser",
                    message:
                        "the image runs as root by default, so runAsNonRoot without runAsUser stops the pod from starting; set runAsUser \(user.uid)"
                )
            }
            if NonRootUser.isName(user.shipped) {
                return subject.finding(
                    self, container: container, field: "securityContext.runAsUser",
                    message:
                        "the image's USER is the name \"\(user.shipped)\", which the kubelet cannot verify as non-root; set runAsUser \(user.uid)"
                )
            }
            return nil
        }
    }
}
