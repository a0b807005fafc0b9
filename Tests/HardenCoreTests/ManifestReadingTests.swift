import Foundation
import HardenTestSupport
import Testing

@testable import HardenCore

@Suite("Reading manifests from files and trees")
struct ManifestReadingTests {
    static let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\n"

    private func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test("a tree is read sorted, hidden entries and linked directories left out, other files kept in path order")
    func treeOrderAndExclusions() throws {
        let root = try TemporaryDirectory()
        let outside = try TemporaryDirectory()
        for name in ["b/z.yaml", "b/a.yml", "a.json", "c/d/e.yaml", ".git/config.yaml", "x/.hidden/p.yaml"] {
            try write(Self.pod, to: root.file(name))
        }
        try write("not a manifest", to: root.file("notes.txt"))
        try write(Self.pod, to: outside.file("linked/inside.yaml"))
        try FileManager.default.createSymbolicLink(
            atPath: root.file("link"), withDestinationPath: outside.file("linked"))
        let single = outside.file("single.yaml")
        try write(Self.pod, to: single)

        let reading = ManifestInput.read([single, root.path + "/", "/no/such/harden/path"]) { nil }
        #expect(
            reading.inputs.map(\.file) == [
                single, root.file("a.json"), root.file("b/a.yml"), root.file("b/z.yaml"), root.file("c/d/e.yaml"),
            ])
        #expect(reading.problems.map(\.file) == ["/no/such/harden/path"])
        #expect(reading.inputs.allSatisfy { $0.text == Self.pod })
    }

    @Test(
        "what a file holds decides how it is read",
        arguments: [
            ("bom", [0xEF, 0xBB, 0xBF] + Array(pod.utf8), "read", pod),
            ("empty", [], "read", ""),
            ("latin1", Array("name: caf".utf8) + [0xE9], "problem", "cannot be read as UTF-8 text"),
        ] as [(String, [UInt8], String, String)])
    func contentDecidesReading(name: String, bytes: [UInt8], outcome: String, expected: String) throws {
        let root = try TemporaryDirectory()
        let file = root.file("\(name).yaml")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let reading = ManifestInput.read([file]) { nil }
        if outcome == "read" {
            #expect(reading.inputs.map(\.text) == [expected], "\(name)")
        } else {
            #expect(reading.inputs.isEmpty, "\(name)")
            #expect(reading.problems.map(\.message) == [expected], "\(name)")
        }
    }

    @Test("a file over the limit is refused before it is read, with its size")
    func oversizedFileIsRefused() throws {
        let root = try TemporaryDirectory()
        let file = root.file("big.yaml")
        try Data(count: 64).write(to: URL(fileURLWithPath: file))
        #expect(TextFile.read(file, limit: 63, origin: .listed) == .failure(.tooLarge(bytes: 64, limit: 63)))
        #expect(TextFile.read(file, limit: 64, origin: .listed) == .success(String(repeating: "\0", count: 64)))
        #expect(TextFile.read(root.file("missing.yaml"), limit: 64, origin: .named) == .failure(.missing))
        #expect(TextFile.read(root.path, limit: 64, origin: .named) == .failure(.notRegularFile("a directory")))
        let tooLong = root.file(String(repeating: "n", count: 300) + ".yaml")
        #expect(TextFile.read(tooLong, limit: 64, origin: .named) == .failure(.unreadable("File name too long")))
    }

    /// A FIFO is never opened waiting for a writer while a tree is walked: the audit of a tree holding one used to
    /// wait forever. A FIFO in the place of the tree's `.hardenignore` is reported too (it was ignored in silence).
    @Test("a FIFO or a device in a tree is reported as such, never waited on")
    func specialFilesInATreeAreReported() throws {
        let root = try TemporaryDirectory()
        try write(Self.pod, to: root.file("pod.yaml"))
        let fifo = root.file("fifo.yaml")
        try #require(mkfifo(fifo, 0o600) == 0)
        try #require(mkfifo(root.file(".hardenignore"), 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: root.file("zero.yaml"), withDestinationPath: "/dev/zero")
        let path = root.path
        let read = runReleasingFIFOs([fifo, root.file(".hardenignore")]) { ManifestInput.read([path]) { nil } }
        let reading = try #require(read, "reading a tree that holds a FIFO waited for a writer")
        #expect(reading.inputs.map(\.file) == [root.file("pod.yaml")])
        #expect(
            reading.problems.map(\.description) == [
                "\(root.file(".hardenignore")): is a pipe or FIFO, not a regular file",
                "\(fifo): is a pipe or FIFO, not a regular file",
                "\(root.file("zero.yaml")): is a character device, not a regular file",
            ])
    }

    /// `harden audit <(helm template ...)` names a pipe: it is read to its end, and refused once past the limit.
    @Test("a pipe or a device named on the command line is read as a stream, within the limit")
    func namedStreamsAreRead() throws {
        let text = String(repeating: Self.pod + "---\n", count: 100)
        let pipe = try TestPipe(text)
        let reading = ManifestInput.read([pipe.path]) { nil }
        #expect(reading.problems.isEmpty)
        #expect(reading.inputs.map(\.text) == [text])
        #expect(TextFile.read("/dev/zero", limit: 8192, origin: .named) == .failure(.overLimit(8192)))
        #expect(
            TextFile.read("/dev/zero", limit: 8192, origin: .listed) == .failure(.notRegularFile("a character device")))
    }

    @Test("a directory that cannot be listed is reported with the reason, never passed over")
    func unlistableDirectoryIsReported() throws {
        let root = try TemporaryDirectory()
        let walk = DirectoryWalk.files(below: root.file("gone")) { _ in true }
        #expect(walk.files.isEmpty)
        #expect(walk.unlisted.map(\.path) == [root.file("gone")])
        #expect(walk.unlisted.map(\.reason) == ["No such file or directory"])
    }

    @Test(
        "a tree audited a batch of files at a time gives the report of reading it all at once",
        arguments: [1, 2, 5, 2048])
    func batchedAuditMatchesWholeAudit(batchSize: Int) throws {
        let root = try TemporaryDirectory()
        for (index, image) in ["nginx:1.27", "redis:7.4", "caddy:2.10", "postgres:17", "unknownthing:1"].enumerated() {
            try write(
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p\(index)}\nspec:\n  containers:\n  - {name: c, image: \"\(image)\"}\n",
                to: root.file("app/\(index).yaml"))
        }
        try write("kind: [unclosed\n", to: root.file("app/broken.yaml"))
        try write("resources: [a.yaml]\n", to: root.file("app/kustomization.yaml"))
        try Data([0x6B, 0x3A, 0x20, 0xE9]).write(to: URL(fileURLWithPath: root.file("app/latin1.yaml")))
        let auditor = Auditor(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase()))
        let read = ManifestInput.read([root.path]) { nil }
        var whole = try auditor.audit(read.inputs, problems: read.problems)
        whole.skippedInputs = read.skipped + whole.skippedInputs
        let batched = try auditor.audit(ManifestInput.list([root.path]) { nil }, batchSize: batchSize)
        #expect(batched == whole)
        #expect(batched.files == 6 && batched.problems.count == 2 && batched.skippedInputs.count == 1)
    }

    @Test(
        "mount paths are compared as the kernel resolves them",
        arguments: [
            ("/data", "/data"), ("/data/", "/data"), ("//data//x", "/data/x"), ("/data/./x", "/data/x"),
            ("/data/.", "/data"), ("/", "/"), ("/a.b/c", "/a.b/c"), ("/a/.hidden", "/a/.hidden"),
        ])
    func normalizedPaths(path: String, expected: String) {
        #expect(ContainerPath.normalized(path) == expected)
    }
}
