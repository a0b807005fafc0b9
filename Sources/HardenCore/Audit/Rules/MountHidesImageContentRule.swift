/// HRD102: a volume mounted on, above or inside image content hides it.
public struct MountHidesImageContentRule: AuditRule {
    public static let id = "HRD102"
    public static let title = "a mount hides image content"
    public static let severity = Finding.Severity.error
    public static let rationale =
        "A volume replaces everything beneath its mount path. Mounting a parent to make one subdirectory writable (the classic emptyDir on /usr/local for httpd) hides the image's configuration, modules or binaries, and the container fails in confusing ways."
    public static let remediation =
        "Mount only the specific writable directories the image needs; `harden fix` removes the shadowing mount and adds narrow ones."
    public static let fixable = true

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.appContainers.flatMap { container -> [Finding] in
            guard let profile = container.profile else { return [] }
            return (container.container.volumeMounts ?? []).enumerated().compactMap { index, mount in
                guard mount.subPath == nil,
                    let hidden = profile.protectedPaths.first(where: { ContainerPath.overlaps(mount.mountPath, $0) })
                else { return nil }
                let relation =
                    mount.mountPath == hidden
                    ? "on" : (ContainerPath.isAncestor(mount.mountPath, of: hidden) ? "above" : "inside")
                return subject.finding(
                    self, container: container, field: "volumeMounts[\(index)]",
                    message:
                        "volume \"\(mount.name)\" at \(mount.mountPath) is \(relation) \(hidden), which holds image content it hides"
                )
            }
        }
    }
}
