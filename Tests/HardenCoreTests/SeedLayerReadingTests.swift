import Foundation
import HardenTestSupport
import Testing

@testable import HardenCore

/// A seed directory (a team's overlay) is read as audit reads a tree: only regular files, within the size limit,
/// as UTF-8, and every file that cannot be read is an issue, `mirrors.yaml` included.
@Suite("Reading a seed directory")
struct SeedLayerReadingTests {
    @Test("a FIFO among the seed files is an issue, never waited on; so is a mirrors.yaml that is not text")
    func specialAndDamagedFilesAreIssues() throws {
        let root = try TemporaryDirectory()
        let images = root.file("images/docker.io/library")
        try FileManager.default.createDirectory(atPath: images, withIntermediateDirectories: true)
        try "repository: docker.io/library/demo\n".write(
            toFile: images + "/demo.yaml", atomically: true, encoding: .utf8)
        let fifo = images + "/pipe.yaml"
        try #require(mkfifo(fifo, 0o600) == 0)
        try Data([0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: root.file("mirrors.yaml")))
        let path = root.path
        let read = runReleasingFIFOs([fifo]) { Result { () throws(SeedError) in try SeedLayer.read(directory: path) } }
        let layer = try #require(read, "reading a seed directory that holds a FIFO waited for a writer").get()
        #expect(layer.files.map(\.path) == ["docker.io/library/demo.yaml"])
        #expect(layer.mirrors == nil)
        #expect(
            layer.readIssues.map { "\($0.file): \($0.message)" } == [
                "\(root.file("images"))/docker.io/library/pipe.yaml: the file is a pipe or FIFO, not a regular file",
                "\(root.path)/mirrors.yaml: the file cannot be read as UTF-8 text",
            ])
    }

    /// A file name is whatever the directory holds: printed, its control characters are escaped, so a hostile name
    /// cannot rewrite the terminal or the CI log; the issue itself (and its JSON) keeps the name.
    @Test("a seed file's name is printed escaped")
    func fileNamesArePrintedEscaped() throws {
        let root = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: root.file("images"), withIntermediateDirectories: true)
        let name = "bad\u{1B}[31m.yaml"
        try "x".write(toFile: root.file("images/\(name)"), atomically: true, encoding: .utf8)
        let layer = try SeedLayer.read(directory: root.path)
        let issues = SeedCatalog.load([layer]).issues
        let issue = try #require(issues.first { $0.file.hasSuffix(name) }, "\(issues)")
        #expect(issue.description.contains("bad\\u{1b}[31m.yaml"), "\(issue.description)")
        #expect(!issue.description.contains("\u{1B}"))
        #expect(
            SeedError.unreadableFile(path: "a\u{1B}b", reason: "it does not exist").description
                == "cannot read seed file \"a\\u{1b}b\": it does not exist; name an existing seed file or directory")
    }

    @Test("a seed file named on the command line may be a pipe")
    func namedPipeIsRead() throws {
        let text = "repository: docker.io/library/demo\n"
        let pipe = try TestPipe(text)
        let layers = try SeedLayer.read(paths: [pipe.path])
        #expect(layers.flatMap(\.files).map(\.contents) == [text])
    }
}
