import Foundation

/// Reads a whole file as UTF-8 text with one open, one fstat and as few reads as its size needs: audit and fix read
/// every manifest of a tree, and Foundation's attribute dictionary and `Data` copy cost more than the parse.
/// A file over `limit` bytes is refused before it is read (a mistaken path to a disk image must not fill memory).
public enum TextFile {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case missing
        /// It exists but cannot be opened or read (permission denied, too many open files...): the system's reason.
        case unreadable(String)
        case tooLarge(bytes: Int, limit: Int)
        /// Not a readable regular file, or not valid UTF-8.
        case notText

        /// What is wrong, said after the file's name.
        public var description: String {
            switch self {
            case .missing: "does not exist"
            case .unreadable(let reason): "cannot be read: \(reason)"
            case .tooLarge(let bytes, let limit): "is \(bytes) bytes, over the \(limit)-byte limit"
            case .notText: "cannot be read as UTF-8 text"
            }
        }
    }

    public static func read(_ path: String, limit: Int) -> Result<String, Problem> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .failure(errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno))))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        guard status.st_mode & S_IFMT == S_IFREG else { return .failure(.notText) }
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
                guard bytes.count <= limit else { return .failure(.tooLarge(bytes: filled, limit: limit)) }
                bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count)))
            }
        }
        // A byte-order mark is not text, as Foundation's `String(data:encoding: .utf8)` also drops it.
        let start = bytes[..<filled].starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard let text = String(validating: bytes[start..<filled], as: UTF8.self) else { return .failure(.notText) }
        return .success(text)
    }
}
