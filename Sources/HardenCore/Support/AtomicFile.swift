import Foundation

/// Replacing a file in one step: write a temporary file beside it, then rename it over the original, so that an
/// interrupted write leaves the original as it was.
public enum AtomicFile {
    /// A fresh temporary path in the directory of `path` (rename only stays atomic within one filesystem).
    public static func temporaryPath(beside path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent()
            .appending(
                path: ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString).tmp"
            ).path
    }

    /// Removes the temporary files that writes of `path` by processes that no longer run left behind (a build or a
    /// `fix --write` killed mid-write). Files of live processes are left alone.
    public static func removeStaleTemporaries(beside path: String) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let prefix = ".\(url.lastPathComponent)."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let rest = name.dropFirst(prefix.count)
            guard let pid = rest.split(separator: ".").first.flatMap({ pid_t($0) }), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
            }
        }
    }

    /// Moves `temporary` over `path` with rename(2).
    public static func replace(_ path: String, with temporary: String) throws(FileWriteError) {
        guard rename(temporary, path) == 0 else {
            throw FileWriteError(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Writes `text` to `path` atomically. A symbolic link is written through to its target (the link stays a
    /// link), and the file keeps its permissions and owner; when the owner cannot be kept, nothing is written.
    public static func write(_ text: String, to path: String) throws(FileWriteError) {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        removeStaleTemporaries(beside: target)
        let existing = try? FileManager.default.attributesOfItem(atPath: target)
        let temporary = temporaryPath(beside: target)
        guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
            throw FileWriteError(
                path: path,
                reason: "cannot create a temporary file in its directory (\(String(cString: strerror(errno))))")
        }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            defer { try? handle.close() }
            try handle.write(contentsOf: Data(text.utf8))
            try handle.synchronize()
            if let existing { try keep(existing, on: temporary, for: path) }
            try replace(target, with: temporary)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            if let error = error as? FileWriteError { throw error }
            throw FileWriteError(path: path, reason: "\(error.localizedDescription)")
        }
    }

    /// Gives the new file the old one's mode and owner.
    private static func keep(_ attributes: [FileAttributeKey: Any], on temporary: String, for path: String) throws {
        if let mode = attributes[.posixPermissions] as? NSNumber, chmod(temporary, mode_t(mode.uint16Value)) != 0 {
            throw FileWriteError(
                path: path, reason: "cannot keep its permissions (\(String(cString: strerror(errno))))")
        }
        guard let owner = (attributes[.ownerAccountID] as? NSNumber)?.uint32Value,
            let group = (attributes[.groupOwnerAccountID] as? NSNumber)?.uint32Value
        else { return }
        var created = stat()
        guard stat(temporary, &created) == 0 else { return }
        if created.st_uid != owner || created.st_gid != group, chown(temporary, owner, group) != 0 {
            throw FileWriteError(
                path: path,
                reason:
                    "it belongs to uid \(owner):\(group) and harden cannot keep that owner (\(String(cString: strerror(errno)))); run it as that user"
            )
        }
    }
}

/// A file that could not be written.
public struct FileWriteError: HardenError, Equatable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var category: ErrorCategory { .internal }
    public var description: String { "cannot write \"\(path)\": \(reason); the original, if any, is unchanged" }
}
