import Foundation

/// A pipe holding some text, named as a shell names one (`<(command)` is `/dev/fd/N`): its writing end is closed,
/// so a read of `path` ends after the text. The reading end is closed when the value is released.
public final class TestPipe {
    public struct Failure: Error {}

    public let path: String
    private let descriptor: Int32

    /// The text must fit in the pipe's buffer (64 KiB on Linux): nothing reads it while it is written.
    public init(_ text: String) throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw Failure() }
        let written = text.utf8.withContiguousStorageIfAvailable { Foundation.write(ends[1], $0.baseAddress, $0.count) }
        close(ends[1])
        guard written == text.utf8.count else {
            close(ends[0])
            throw Failure()
        }
        descriptor = ends[0]
        path = "/dev/fd/\(ends[0])"
    }

    deinit { close(descriptor) }
}
