import Foundation
import Testing

@testable import HardenCommands

/// A report cut short by a full disk must not look complete: the writer reports the failure (and the command then
/// exits 1 with a one-line error) instead of dropping the rest in silence.
@Suite("Writing output")
struct OutputFailureTests {
    @Test(
        "a write to a full device reports ENOSPC; a write that fits reports nothing",
        .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func fullDeviceIsReported() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        defer { try? full.close() }
        #expect(
            FileHandleOutput.write(String(repeating: "finding\n", count: 10_000), to: full.fileDescriptor) == ENOSPC)
        let null = try #require(FileHandle(forWritingAtPath: "/dev/null"))
        defer { try? null.close() }
        #expect(FileHandleOutput.write("all of it\n", to: null.fileDescriptor) == nil)
    }
}
