/// What harden advises for an image it does not know: clearly labelled as generic, never presented as a match.
public enum GenericProfile {
    /// The conventional non-root identity of distroless and many minimal images (`nonroot`).
    public static let uid = 65532
    public static let gid = 65532

    /// The one path nearly every process writes.
    public static let writablePaths = [
        WritablePath(path: "/tmp", why: "most runtimes and libraries write temporary files to /tmp", sources: [])
    ]

    /// One paragraph of advice for an unknown image.
    public static let advice =
        "generic advice, not specific to this image: run as a non-root UID/GID that owns the files it writes (harden defaults to \(uid):\(gid)), set readOnlyRootFilesystem: true, mount an emptyDir at /tmp and at each other path its logs show it writing (\"Read-only file system\" errors name them), and add the image to the knowledge base so that the next person does not rediscover them"
}
