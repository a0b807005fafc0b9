import Foundation

/// A small image built for the registry tests: two gzip'd tar layers made with GNU tar (`/etc/passwd` and
/// `/etc/group` owned by root; `/var/lib/app` owned by the `app` user, 10001), a config and an OCI manifest.
public struct RegistryTestImage {
    public static let manifestType = "application/vnd.oci.image.manifest.v1+json"
    public static let indexType = "application/vnd.oci.image.index.v1+json"

    public var layers: [Data]
    public var config: Data

    /// The image for `architecture`, exposing `port`.
    public init(architecture: String = "amd64", port: Int = 8080, extraLayer: Data? = nil) throws {
        let work = try TemporaryDirectory()
        let accounts = work.file("accounts")
        try FileManager.default.createDirectory(atPath: accounts + "/etc", withIntermediateDirectories: true)
        try "root:x:0:0:root:/root:/bin/sh\napp:x:10001:10001::/var/lib/app:/bin/sh\n".write(
            toFile: accounts + "/etc/passwd", atomically: true, encoding: .utf8)
        try "root:x:0:\napp:x:10001:\n".write(toFile: accounts + "/etc/group", atomically: true, encoding: .utf8)
        let data = work.file("data")
        try FileManager.default.createDirectory(atPath: data + "/var/lib/app", withIntermediateDirectories: true)
        let first = try Self.tar(directory: accounts, members: ["etc"], owner: 0)
        let second = try Self.tar(directory: data, members: ["var/lib/app"], owner: 10001)
        layers = [first, second] + (extraLayer.map { [$0] } ?? [])
        let diffIDs = try layers.map { "sha256:" + (try TestDigest.sha256(try Self.gunzip($0))) }
        let config: [String: Any] = [
            "architecture": architecture, "os": "linux",
            "config": [
                "User": "app", "ExposedPorts": ["\(port)/tcp": [String: String]()], "WorkingDir": "/var/lib/app",
                "Env": ["PATH=/usr/bin:/bin"],
            ],
            "rootfs": ["type": "layers", "diff_ids": diffIDs],
        ]
        self.config = try JSONSerialization.data(withJSONObject: config, options: [.sortedKeys])
    }

    /// Pushes the blobs and the manifest (under `tag`); returns the manifest's digest and size.
    @discardableResult
    public func push(to registry: TestRegistry, repository: String, tag: String) throws -> (String, Int) {
        var layerDescriptors: [[String: Any]] = []
        for layer in layers {
            let digest = try registry.push(blob: layer, to: repository)
            layerDescriptors.append([
                "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": digest, "size": layer.count,
            ])
        }
        let configDigest = try registry.push(blob: config, to: repository)
        let manifest = try JSONSerialization.data(
            withJSONObject: [
                "schemaVersion": 2, "mediaType": Self.manifestType,
                "config": [
                    "mediaType": "application/vnd.oci.image.config.v1+json", "digest": configDigest,
                    "size": config.count,
                ],
                "layers": layerDescriptors,
            ] as [String: Any], options: [.sortedKeys])
        let digest = try registry.push(
            manifest: manifest, mediaType: Self.manifestType, to: repository, tag: tag)
        return (digest, manifest.count)
    }

    /// A layer of `megabytes` of random bytes in one file (incompressible): many times what harden lets wait for
    /// its reader, so that reading it holds the transfer back.
    public static func randomLayer(megabytes: Int) throws -> Data {
        let work = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: work.file("opt"), withIntermediateDirectories: true)
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: megabytes << 20)
        for index in stride(from: 0, to: bytes.count, by: 8) {
            withUnsafeBytes(of: generator.next() as UInt64) { word in
                for offset in 0..<8 { bytes[index + offset] = word[offset] }
            }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: work.file("opt/blob")))
        return try tar(directory: work.path, members: ["opt/blob"], owner: 0)
    }

    static func tar(directory: String, members: [String], owner: Int) throws -> Data {
        let tar = try TestProcess.run(
            "/usr/bin/tar",
            ["-c", "--numeric-owner", "--owner=\(owner)", "--group=\(owner)", "-f", "-"] + members,
            directory: directory)
        return try TestProcess.run("/usr/bin/gzip", ["-n", "-c"], input: tar)
    }

    static func gunzip(_ data: Data) throws -> Data {
        try TestProcess.run("/usr/bin/gzip", ["-d", "-c"], input: data)
    }
}
