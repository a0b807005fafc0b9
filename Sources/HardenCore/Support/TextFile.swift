import Foundation

/// Reads a whole file as UTF-8 text with one open, one fstat and as few reads as its size needs: audit and fix read
/// every manifest of a tree, and Foundation's attribute dictionary and `Data` copy cost more than the parse.
/// A file over `limit` bytes is refused before it is read (a mistaken path to a disk image must not fill memory).
public enum TextFile {
    /// How the path was come by, which decides what else than a regular file is read.
    public enum Origin: Sendable {
        /// Named by the user: a pipe (`harden audit <(helm template ...)`), a FIFO or a character device is read to
        /// its end, as `cat` would, and refused once past the limit.
        case named
        /// Found by walking a directory: only a regular file is read. Anything else is opened without blocking and
        /// refused, since a FIFO in the tree would otherwise wait for a writer forever.
        case listed
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case missing
        /// It exists but cannot be opened or read (permission denied, too many open files...): the system's reason.
        case unreadable(String)
        case tooLarge(bytes: Int, limit: Int)
        /// More than the limit was read from a file that grew while it was read, or from a stream.
        case overLimit(Int)
        /// A directory, a FIFO in a walked tree, a socket...: what it is.
        case notRegularFile(String)
        /// Not valid UTF-8.
        case notText

        /// What is wrong, said after the file's name.
        public var description: String {
            switch self {
            case .missing: "does not exist"
            case .unreadable(let reason): "cannot be read: \(reason)"
            case .tooLarge(let bytes, let limit): "is \(bytes) bytes, over the \(limit)-byte limit"
            case .overLimit(let limit): "goes on past the \(limit)-byte limit"
            case .notRegularFile(let kind): "is \(kind), not a regular file"
            case .notText: "cannot be read as UTF-8 text"
            }
        }
    }

    public static func read(_ path: String, limit: Int, origin: Origin) -> Result<String, Problem> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | (origin == .listed ? O_NONBLOCK : 0))
        guard descriptor >= 0 else {
            return .failure(errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno))))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        let type = status.st_mode & S_IFMT
        let isStream = type == S_IFIFO || type == S_IFCHR || type == S_IFSOCK
        guard type == S_IFREG || (isStream && origin == .named) else {
            return .failure(.notRegularFile(kind(of: type)))
        }
        // A stream's size is 0: it is read to its end, in the same growing buffer.
        let size = Int(status.st_size)
        guard size <= limit else { return .failure(.tooLarge(bytes: size, limit: limit)) }
        // One byte more than the size, so a file that grew since fstat is seen to have grown past the limit.
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Foundation.read(descriptor, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
            if count == 0 { break }
            filled += count
            if filled == bytes.count {
                guard filled <= limit else { return .failure(.overLimit(limit)) }
                // Grown at most to one byte past the limit, which is all it takes to see the limit passed.
                bytes.append(contentsOf: repeatElement(0, count: min(max(4096, bytes.count), limit + 1 - bytes.count)))
            }
        }
        // A byte-order mark is not text, as Foundation's `String(data:encoding: .utf8)` also drops it.
        let start = bytes[..<filled].starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard let text = String(validating: bytes[start..<filled], as: UTF8.self) else { return .failure(.notText) }
        return .success(text)
    }

    /// What `path` is when it is neither a regular file nor a directory, links followed (a pipe such as
    /// `<(kubectl get ...)`, a FIFO, a device), else nil: a pipe is read, but cannot be rewritten in place.
    public static func special(_ path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let type = status.st_mode & S_IFMT
        return type == S_IFREG || type == S_IFDIR ? nil : kind(of: type)
    }

    /// What a file that is not a regular file is, in words.
    private static func kind(of type: mode_t) -> String {
        switch type {
        case S_IFDIR: "a directory"
        case S_IFIFO: "a pipe or FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "of an unknown type"
        }
    }
}
