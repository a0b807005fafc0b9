/// Rules for absolute paths inside a container, shared by seed validation, the generator and the auditor.
public enum ContainerPath {
    /// Directories whose content is the operating system or the image itself: an emptyDir on one of them hides
    /// everything the image put there, so a writable path must always be a specific subdirectory.
    public static let systemRoots: Set<String> = [
        "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32", "/opt", "/proc", "/root",
        "/sbin", "/srv", "/sys", "/usr", "/var", "/usr/bin", "/usr/lib", "/usr/lib64", "/usr/local", "/usr/sbin",
        "/usr/share", "/var/lib", "/var/cache", "/var/log", "/var/spool",
    ]

    /// Why `path` is not an absolute, normalised path, or nil when it is.
    public static func problem(with path: String) -> String? {
        guard path.hasPrefix("/") else { return "\"\(path)\" must be an absolute path" }
        guard path != "/" else { return "\"/\" is the whole filesystem; name the specific directory instead" }
        if path.unicodeScalars.contains(where: {
            $0.properties.isWhitespace || $0.properties.generalCategory == .control
                || $0.properties.generalCategory == .format
        }) {
            // Format characters include bidi controls and zero-width spaces: a path that reads as another one.
            return "\"\(Quoted.brief(path))\" contains whitespace, a control or an invisible formatting character"
        }
        if path.contains(":") {
            return "\"\(path)\" contains \":\", which Kubernetes refuses in a mountPath and docker reads as a separator"
        }
        guard !path.hasSuffix("/") else { return "\"\(path)\" must not end with \"/\"" }
        guard !path.contains("//") else { return "\"\(path)\" contains an empty component (\"//\")" }
        let components = path.split(separator: "/")
        if components.contains("..") { return "\"\(path)\" must not contain \"..\"" }
        if components.contains(".") { return "\"\(path)\" must not contain \".\" components" }
        if let kernel = kernelFilesystems.first(where: { path == $0 || isAncestor($0, of: path) }) {
            return "\"\(path)\" is inside \(kernel), a kernel filesystem the runtime provides; it is never a volume"
        }
        return nil
    }

    /// Filesystems the container runtime mounts from the kernel: a volume there would hide them.
    static let kernelFilesystems = ["/proc", "/sys"]

    /// The directory holding `path` ("/" for "/etc"), nil for the root.
    public static func parent(of path: String) -> String? {
        guard path != "/", let slash = path.lastIndex(ofASCII: "/") else { return nil }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The strict parent directories of `path`, nearest first: `/a/b/c` gives `/a/b`, `/a`.
    public static func ancestors(of path: String) -> [String] {
        var result: [String] = []
        var current = Substring(path)
        while let slash = current.lastIndex(ofASCII: "/"), slash != current.startIndex {
            current = current[..<slash]
            result.append(String(current))
        }
        return result
    }

    /// The first of `paths` that `path` lies in (or is), found through `path`'s ancestors: linear in the number of
    /// paths to check, however many paths the set holds.
    public static func covering(_ path: String, in paths: Set<String>) -> String? {
        if paths.contains(path) { return path }
        return ancestors(of: path).first(where: paths.contains)
    }

    /// Whether `ancestor` is a strict parent directory of `path` (both read as the kernel reads a mount path).
    public static func isAncestor(_ ancestor: String, of path: String) -> Bool {
        let ancestor = normalized(ancestor)
        let path = normalized(path)
        return ancestor != path && path.hasPrefix(ancestor == "/" ? "/" : ancestor + "/")
    }

    /// Whether a mount at one path would hide or sit inside the other.
    public static func overlaps(_ a: String, _ b: String) -> Bool {
        normalized(a) == normalized(b) || isAncestor(a, of: b) || isAncestor(b, of: a)
    }

    /// Whether a volume mounted at `mountPath` makes `path` writable: it is mounted there or above it.
    public static func covers(mountPath: String, _ path: String) -> Bool {
        normalized(mountPath) == normalized(path) || isAncestor(mountPath, of: path)
    }

    /// `path` as the kernel resolves it: Kubernetes keeps a mountPath as written, so `/prometheus/` and
    /// `/prometheus` are different strings for one directory.
    public static func normalized(_ path: String) -> String {
        guard !isNormal(path) else { return path }
        return "/" + path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }

    /// No `//`, no `.` component and no trailing `/` (but `/` itself), read in one pass over the bytes: every
    /// mount of every audited container is asked, and Foundation's substring search cost 2% of an audit.
    private static func isNormal(_ path: String) -> Bool {
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in path.utf8 {
            if byte == slash && (previous == slash || previous == dot && beforePrevious == slash) { return false }
            (beforePrevious, previous) = (previous, byte)
        }
        if previous == dot && beforePrevious == slash { return false }
        return previous != slash || path.utf8.count == 1
    }
}
