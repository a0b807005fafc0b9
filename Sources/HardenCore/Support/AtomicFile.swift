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

    /// Moves `temporary` over `path` with rename(2).
    public static func replace(_ path: String, with temporary: String) throws(FileWriteError) {
        guard rename(temporary, path) == 0 else {
            throw FileWriteError(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Writes `text` to `path` atomically, keeping the permissions of the file it replaces.
    public static func write(_ text: String, to path: String) throws(FileWriteError) {
        let temporary = temporaryPath(beside: path)
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw FileWriteError(
                path: path,
                reason: "cannot create a temporary file in its directory (\(String(cString: strerror(errno))))")
        }
        if let mode = try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] {
            try? FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: temporary)
        }
        do {
            try replace(path, with: temporary)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
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
