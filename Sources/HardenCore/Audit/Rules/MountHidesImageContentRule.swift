/// HRD102: a volume mounted on, above or inside image content hides it.
public struct MountHidesImageContentRule: AuditRule {
    public static let id = "HRD102"
    public static let title = "a mount hides image content"
    public static let severity = Finding.Severity.error
    public static let rationale =
        "A volume replaces everything beneath its mount path. Mounting a parent to make one subdirectory writable (the classic emptyDir on /usr/local for httpd) hides the image's configuration, modules or binaries, and the container fails in confusing ways."
    public static let remediation =
        "Mount only the specific writable directories the image needs; `harden fix` removes a shadowing emptyDir and adds narrow ones. A ConfigMap, Secret or claim there carries content of its own: fix keeps it and audit warns, so check that it holds every file the image needs."
    public static let fixable = true

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.appContainers.flatMap { container -> [Finding] in
            guard let facts = container.facts else { return [] }
            return (container.container.volumeMounts ?? []).enumerated().compactMap { index, mount in
                guard let hidden = AuditSubject.contentHidden(by: mount, facts: facts) else { return nil }
                let relation =
                    ContainerPath.normalized(mount.mountPath) == hidden
                    ? "on" : (ContainerPath.isAncestor(mount.mountPath, of: hidden) ? "above" : "inside")
                let field = "volumeMounts[\(index)]"
                guard subject.isRemovableShadow(mount) else {
                    // Content of the workload's own (a ConfigMap with the config file): often meant, never removed.
                    return subject.finding(
                        self, container: container, field: field,
                        message:
                            "volume \"\(mount.name)\" at \(mount.mountPath) is \(relation) \(hidden) and replaces the image content there with its own",
                        fix:
                            "make sure the volume carries every file the image needs under \(hidden), or mount single files with subPath; `harden fix` leaves it",
                        severity: .warning)
                }
                return subject.finding(
                    self, container: container, field: field,
                    message:
                        "volume \"\(mount.name)\" at \(mount.mountPath) is \(relation) \(hidden), which holds image content it hides"
                )
            }
        }
    }
}
