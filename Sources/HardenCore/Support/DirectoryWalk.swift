import Foundation

/// The files below a directory, as paths relative to it, read with `readdir` (Foundation's enumerator builds an
/// object per entry and cost as much as reading the files). Hidden entries (a name starting with a dot) are left
/// out with everything below them; symbolic links are listed, never followed into (a link to a directory is listed
/// as a file and fails to read as one), so a link cycle cannot loop. A directory that cannot be listed is returned
/// with the reason, never passed over in silence: an audit that skipped it would pass what it never read.
enum DirectoryWalk {
    static func files(below directory: String, where include: (_ name: Substring) -> Bool) -> (
        files: [String], unlisted: [(path: String, reason: String)]
    ) {
        var found: [String] = []
        var unlisted: [(path: String, reason: String)] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let path = relative.isEmpty ? directory : directory + "/" + relative
            guard let stream = opendir(path) else {
                unlisted.append((path, String(cString: strerror(errno))))
                continue
            }
            defer { closedir(stream) }
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard !name.hasPrefix(".") else { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                if isDirectory(entry.pointee.d_type, path: directory + "/" + path) {
                    pending.append(path)
                } else if include(Substring(name)) {
                    found.append(path)
                }
            }
        }
        return (found, unlisted)
    }

    /// `d_type`, or `lstat` where the file system does not fill it in.
    private static func isDirectory(_ type: UInt8, path: String) -> Bool {
        if type != UInt8(DT_UNKNOWN) { return type == UInt8(DT_DIR) }
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }
}
