import Foundation
import HardenTestSupport
import Testing

@testable import HardenCore

@Suite("Inference from an image (OCI layout, OCI archive, docker-archive)")
struct ImageInferenceTests {
    static let entrypoint = """
        #!/bin/sh
        set -e
        # prepare the run directory
        mkdir -p /run/app
        envsubst < /etc/app/app.conf.template > "$APP_CONFIG"
        sed -i 's/a/b/' /etc/app/extra.conf
        exec "$@"
        """

    /// Two layers: a base with accounts, an app directory owned by the app user, copied content, a world-writable
    /// scratch directory, a long name, a hard link and an entrypoint script; then a layer that whites out a file
    /// and makes a directory opaque.
    static func image() throws -> TestImage {
        let image = try TestImage(config: [
            "config": [
                "User": "app",
                "ExposedPorts": [
                    "7070/quic": [:] as [String: Any], "8080/tcp": [:] as [String: Any],
                    "9090/udp": [:] as [String: Any],
                ],
                "Volumes": ["/var/lib/app": [:] as [String: Any]],
                "Env": [
                    "PATH=/usr/local/bin:/usr/bin:/bin", "APP_CONFIG=/etc/app/app.conf", "CACHE_DIR=/var/cache/app",
                ],
                "Entrypoint": ["entrypoint.sh"], "Cmd": ["app"], "WorkingDir": "/srv/app",
            ]
        ])
        let longName = "opt/" + String(repeating: "deep-directory-name/", count: 8) + "file.txt"
        try image.addLayer(
            [
                ("etc", nil, 0, 0, "755"),
                (
                    "etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:10001:10002::/home/app:/sbin/nologin\n", 0, 0,
                    "644"
                ),
                ("etc/group", "root:x:0:\napp:x:10002:\n", 0, 0, "644"),
                ("etc/app", nil, 0, 0, "755"),
                ("etc/app/app.conf.template", "port: ${PORT}\n", 0, 0, "644"),
                ("srv/app", nil, 0, 0, "755"),
                ("srv/app/server.js", "console.log('hi')\n", 0, 0, "644"),
                ("var/cache/app", nil, 10001, 10002, "755"),
                ("var/cache/app/warm.bin", "cached\n", 10001, 10002, "644"),
                ("var/cache/app/sub", nil, 10001, 10002, "755"),
                ("scratch", nil, 0, 0, "1777"),
                ("usr/local/bin/entrypoint.sh", entrypoint, 0, 0, "755"),
                ("old/secret.txt", "gone\n", 0, 0, "600"),
                ("legacy", nil, 0, 0, "755"),
                ("legacy/lower.txt", "lower\n", 0, 0, "644"),
                (longName, "long\n", 0, 0, "644"),
            ], links: [("srv/app/server-link.js", "srv/app/server.js")])
        try image.addLayer([
            ("old/.wh.secret.txt", "", 0, 0, "644"),
            ("legacy/.wh..wh..opq", "", 0, 0, "644"),
            ("legacy/upper.txt", "upper\n", 0, 0, "644"),
        ])
        return image
    }

    func checkInferred(_ contents: ImageContents, source: String) {
        let filesystem = contents.filesystem
        #expect(filesystem.files["/old/secret.txt"] == nil, "a whiteout removes the lower file")
        #expect(filesystem.files["/legacy/lower.txt"] == nil, "an opaque directory hides the lower content")
        #expect(filesystem.files["/legacy/upper.txt"] != nil)
        #expect(filesystem.files.keys.contains { $0.hasSuffix("deep-directory-name/file.txt") }, "pax long name")
        #expect(filesystem.files["/srv/app/server-link.js"]?.kind == .hardLink)
        #expect(filesystem.files["/var/cache/app"]?.uid == 10001)
        #expect(filesystem.files["/scratch"]?.mode == 0o1777)

        let inferred = ImageInference().infer(contents, source: source)
        let profile = inferred.profile
        #expect(profile.runAsUser == 10001, "the named user through the image's /etc/passwd")
        #expect(profile.runAsGroup == 10002)
        #expect(profile.ports.map(\.port) == [8080, 9090], "7070/quic is no protocol a spec can name")
        #expect(profile.ports.last?.protocol == .udp)
        #expect(!inferred.evidence.contains { $0.fact == "port" && $0.value == "7070/quic" })
        let writable = Dictionary(uniqueKeysWithValues: profile.writablePaths.map { ($0.path, $0) })
        #expect(writable["/var/lib/app"]?.data == .persistent, "a VOLUME")
        #expect(writable["/var/cache/app"]?.seedFromImage == true, "owned by the user, with content to keep")
        #expect(writable["/var/cache/app/sub"] == nil, "covered by its parent")
        #expect(writable["/scratch"] != nil, "world-writable")
        #expect(writable["/run/app"] != nil, "the entrypoint's mkdir -p")
        #expect(writable["/etc/app"] != nil, "the entrypoint's envsubst > $APP_CONFIG")
        #expect(profile.protectedPaths == ["/srv/app"], "the working directory's content")
        #expect(profile.pitfalls.contains { $0.contains("/etc/app/extra.conf") }, "sed -i in the entrypoint")
        #expect(inferred.evidence.contains { $0.evidence.contains("entrypoint.sh:4") })
    }

    @Test("an OCI layout with gzip layers")
    func ociLayout() throws {
        let image = try Self.image()
        let layout = try image.ociLayout(tag: "1.0")
        let contents = try ImageReader().read(try ImageSource.parse("oci:\(layout):1.0"))
        checkInferred(contents, source: "oci:\(layout)")
        #expect(throws: ImageError.self) { try ImageReader().read(try ImageSource.parse("oci:\(layout):2.0")) }
    }

    @Test("an OCI layout with zstd layers")
    func ociLayoutWithZstdLayers() throws {
        let image = try Self.image()
        let layout = try image.ociLayout(tag: "1.0", compression: .zstd)
        checkInferred(try ImageReader().read(try ImageSource.parse("oci:\(layout):1.0")), source: "oci:\(layout)")
    }

    @Test("an OCI archive")
    func ociArchive() throws {
        let image = try Self.image()
        let archive = try image.ociArchive()
        checkInferred(try ImageReader().read(try ImageSource.parse("oci-archive:\(archive)")), source: archive)
    }

    @Test("a docker-archive, its layers checked against the config's diff_ids")
    func dockerArchive() throws {
        let image = try Self.image()
        let archive = try image.dockerArchive(repoTag: "example.com/team/app:1.0")
        let contents = try ImageReader().read(
            try ImageSource.parse("docker-archive:\(archive):example.com/team/app:1.0"))
        checkInferred(contents, source: archive)
        #expect(contents.name == "example.com/team/app:1.0")
    }

    @Test("a blob that does not hash to its digest is refused")
    func tamperedBlobIsRefused() throws {
        let image = try Self.image()
        let layout = try image.ociLayout()
        let blobs = layout + "/blobs/sha256"
        // The largest blob is a layer: flip its last byte.
        let largest = try #require(
            try FileManager.default.contentsOfDirectory(atPath: blobs).max {
                (try? Data(contentsOf: URL(fileURLWithPath: blobs + "/" + $0)).count) ?? 0
                    < (try? Data(contentsOf: URL(fileURLWithPath: blobs + "/" + $1)).count) ?? 0
            })
        var data = try Data(contentsOf: URL(fileURLWithPath: blobs + "/" + largest))
        data[data.count - 5] ^= 0xff
        try data.write(to: URL(fileURLWithPath: blobs + "/" + largest))
        #expect {
            _ = try ImageReader().read(.ociLayout(directory: layout, tag: nil))
        } throws: { error in
            guard let error = error as? ImageError else { return false }
            switch error {
            case .digestMismatch, .malformed: return true
            default: return false
            }
        }
    }

    @Test("SHA-256 matches the system's sha256sum")
    func sha256MatchesTheSystem() throws {
        let image = try TestImage(config: [:])
        for size in [0, 1, 55, 56, 63, 64, 65, 1000, 70_000] {
            let file = image.directory.file("bytes-\(size)")
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            var hasher = SHA256()
            hasher.update(bytes.prefix(size / 2))
            hasher.update(bytes.dropFirst(size / 2))
            #expect(hasher.finalizeHex() == (try image.sha256(file)), "\(size) bytes")
        }
    }
}

@Suite("Hostile images: bounded, refused with one line, nothing written")
struct HostileImageTests {
    /// Found by the fuzzer: an `=` before the first space (a record with no length) cut a backwards range.
    @Test("pax records with an = before their space are skipped, not a crash")
    func paxRecordsOutOfOrder() {
        let body = Array("a=b c\n30 path=/srv/app data\n12 x=y\n".utf8)
        #expect(TarReader.paxRecords(body) == ["path": "/srv/app data", "x": "y"])
    }

    @Test("a gzip bomb stops at the inflate cap")
    func gzipBomb() throws {
        let image = try TestImage(config: ["config": [:] as [String: Any]])
        let zeros = image.directory.file("zeros")
        try image.run("/usr/bin/dd", ["if=/dev/zero", "of=\(zeros)", "bs=1M", "count=64"])
        try image.run("/usr/bin/tar", ["-C", image.directory.path, "-cf", image.directory.file("bomb.tar"), "zeros"])
        try FileManager.default.removeItem(atPath: zeros)
        let layout = try bombLayout(image, layer: image.directory.file("bomb.tar"))
        var limits = ImageLimits.standard
        limits.layerBytes = 8 << 20
        #expect {
            _ = try ImageReader(limits: limits).read(.ociLayout(directory: layout, tag: nil))
        } throws: { error in
            if case .overLimit(let detail) = error as? ImageError { return detail.contains("inflates past") }
            return false
        }
    }

    @Test("too many entries stop at the entry cap")
    func entryCap() throws {
        let image = try TestImage(config: ["config": [:] as [String: Any]])
        try image.addLayer((0..<50).map { ("f\($0)", "x", 0, 0, "644") })
        let layout = try image.ociLayout()
        var limits = ImageLimits.standard
        limits.layerEntries = 20
        #expect(throws: ImageError.self) {
            try ImageReader(limits: limits).read(.ociLayout(directory: layout, tag: nil))
        }
    }

    @Test("names that climb out of the root, absolute names and outward symlinks stay inside the image's tree")
    func escapingNames() throws {
        let image = try TestImage(config: ["config": ["User": "1000"] as [String: Any]])
        let root = image.directory.file("evil")
        try FileManager.default.createDirectory(atPath: root + "/etc", withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/etc/passwd"))
        try FileManager.default.createSymbolicLink(
            atPath: root + "/escape", withDestinationPath: "../../../../etc/shadow")
        let tarFile = image.directory.file("evil.tar")
        // GNU tar writes ../ and absolute names as given with -P and --transform.
        try image.run(
            "/usr/bin/tar",
            [
                "-P", "-C", root, "--transform", "s,^etc/passwd,../../outside/passwd,", "-cf", tarFile, "etc/passwd",
                "escape",
            ])
        let layout = try bombLayout(image, layer: tarFile)
        let contents = try ImageReader().read(.ociLayout(directory: layout, tag: nil))
        #expect(contents.filesystem.files.keys.allSatisfy { $0.hasPrefix("/") && !$0.contains("..") })
        #expect(contents.filesystem.resolvingLinks("/escape") == "/etc/shadow")
        #expect(!FileManager.default.fileExists(atPath: image.directory.path + "/../outside"))
    }

    @Test("a member that declares more bytes than the layer holds is refused")
    func truncatedLayer() throws {
        let image = try TestImage(config: ["config": [:] as [String: Any]])
        try image.addLayer([("big.bin", String(repeating: "x", count: 4096), 0, 0, "644")])
        let layer = image.layers[0]
        var data = try Data(contentsOf: URL(fileURLWithPath: layer))
        data = data.prefix(3 * 512)
        try data.write(to: URL(fileURLWithPath: layer))
        let layout = try bombLayout(image, layer: layer)
        #expect(throws: ImageError.self) { try ImageReader().read(.ociLayout(directory: layout, tag: nil)) }
    }

    @Test("sources that are not images are refused with the forms harden reads")
    func unknownSource() {
        #expect(throws: ImageError.self) { try ImageSource.parse("ftp:somewhere") }
        #expect(throws: ImageError.self) {
            try ImageReader().read(.ociLayout(directory: "/nonexistent-layout", tag: nil))
        }
    }

    /// An OCI layout whose only layer is `layer` as given (not necessarily a valid tar).
    private func bombLayout(_ image: TestImage, layer: String) throws -> String {
        if !image.layers.contains(layer) { image.adoptLayer(layer) }
        return try image.ociLayout()
    }
}
