import Foundation

/// Log lines collected under a lock and written out together, in batches of up to 64 KiB, so that logging costs
/// no system call per request. What is left is written by `flush()`: once a second and at shutdown by
/// `LogFlusher`.
public final class BufferedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = Data()
    private let write: @Sendable (Data) -> Void
    private static let limit = 64 << 10

    /// Lines for standard output unless `write` says otherwise (tests collect or drop them).
    public init(write: @escaping @Sendable (Data) -> Void = { FileHandle.standardOutput.write($0) }) {
        self.write = write
    }

    func append(_ line: String) {
        let full: Data? = lock.withLock {
            pending.append(contentsOf: line.utf8)
            pending.append(UInt8(ascii: "\n"))
            guard pending.count >= Self.limit else { return nil }
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        if let full { write(full) }
    }

    public func flush() {
        let data: Data = lock.withLock {
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        if !data.isEmpty { write(data) }
    }
}
