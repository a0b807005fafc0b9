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
        if path.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) {
            return "\"\(path)\" contains whitespace or a control character"
        }
        guard !path.hasSuffix("/") else { return "\"\(path)\" must not end with \"/\"" }
        guard !path.contains("//") else { return "\"\(path)\" contains an empty component (\"//\")" }
        let components = path.split(separator: "/")
        if components.contains("..") { return "\"\(path)\" must not contain \"..\"" }
        if components.contains(".") { return "\"\(path)\" must not contain \".\" components" }
        return nil
    }

    /// Whether `ancestor` is a strict parent directory of `path`.
    public static func isAncestor(_ ancestor: String, of path: String) -> Bool {
        path.hasPrefix(ancestor.hasSuffix("/") ? ancestor : ancestor + "/")
    }

    /// Whether a mount at one path would hide or sit inside the other.
    public static func overlaps(_ a: String, _ b: String) -> Bool {
        a == b || isAncestor(a, of: b) || isAncestor(b, of: a)
    }
}
