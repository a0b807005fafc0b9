/// HRD101: a path the image writes is not writable under a read-only root filesystem.
public struct WritablePathMissingRule: AuditRule {
    public static let id = "HRD101"
    public static let title = "a path the image writes is not writable"
    public static let severity = Finding.Severity.error
    public static let rationale =
        "With readOnlyRootFilesystem the image can write only to mounted volumes. The knowledge base lists each path the image writes at run time (pid files, temp and cache directories, data); one without a volume makes the process fail at start with \"Read-only file system\"."
    public static let remediation =
        "Mount an emptyDir (or a persistent volume for data) at exactly that path: `harden fix` adds it."
    public static let fixable = true

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.appContainers.flatMap { container -> [Finding] in
            guard container.effective.readOnlyRootFilesystem == true, let facts = container.facts else { return [] }
            let mounts = container.container.volumeMounts ?? []
            return facts.writablePaths.compactMap { path in
                guard !AuditSubject.isWritable(path.path, by: mounts) else { return nil }
                return subject.finding(
                    self, container: container, field: "volumeMounts",
                    message:
                        "\(path.path) is not writable: the container will fail with \"Read-only file system\" (\(path.why))",
                    fix:
                        "mount an \(path.data == .persistent ? "emptyDir or, for data that must survive, a PersistentVolumeClaim" : "emptyDir") at \(path.path)"
                )
            }
        }
    }
}
