import Foundation

/// Real images for the inference tests, built with GNU tar (per-member owners and modes through `--append`, pax
/// and long names, hard links, whiteouts) and gzip, written as an OCI layout, an OCI archive and a docker-archive.
public final class TestImage: @unchecked Sendable {
    public let directory: TemporaryDirectory
    /// The uncompressed layer tars, in order.
    public private(set) var layers: [String] = []
    public var config: [String: Any]

    public init(config: [String: Any]) throws {
        directory = try TemporaryDirectory()
        self.config = config
    }

    /// Adds a layer built from `files` (path relative to the root -> content; nil for a directory), each appended
    /// with its own owner and mode.
    public func addLayer(
        _ members: [(path: String, content: String?, uid: Int, gid: Int, mode: String)], links: [(String, String)] = [],
        symlinks: [(String, String)] = []
    )
        throws
    {
        let number = layers.count + 1
        let root = directory.file("root\(number)")
        let tarFile = directory.file("layer\(number).tar")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for member in members {
            let path = root + "/" + member.path
            if let content = member.content {
                try FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(content.utf8).write(to: URL(fileURLWithPath: path))
            } else {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            }
        }
        for (link, target) in symlinks {
            try FileManager.default.createSymbolicLink(atPath: root + "/" + link, withDestinationPath: target)
        }
        for (link, target) in links {
            try FileManager.default.linkItem(atPath: root + "/" + target, toPath: root + "/" + link)
        }
        try run("/usr/bin/tar", ["--format=pax", "-cf", tarFile, "-T", "/dev/null"])
        for member in members {
            try run(
                "/usr/bin/tar",
                [
                    "--format=pax", "--no-recursion", "--numeric-owner", "--owner=\(member.uid)",
                    "--group=\(member.gid)", "--mode=\(member.mode)", "-C", root, "-rf", tarFile, member.path,
                ])
        }
        // A link's target goes in the same run as the link: tar writes a hard-link member only for an inode it has
        // already written in that run.
        let others = symlinks.map(\.0) + links.flatMap { [$0.1, $0.0] }
        if !others.isEmpty {
            try run(
                "/usr/bin/tar",
                ["--format=pax", "--numeric-owner", "--owner=0", "--group=0", "-C", root, "-rf", tarFile] + others)
        }
        layers.append(tarFile)
    }

    /// Adds a layer file made elsewhere (a hostile one).
    public func adoptLayer(_ file: String) {
        layers.append(file)
    }

    /// How an OCI layout's layers are compressed, by the system's own tools.
    public enum LayerCompression: Sendable {
        case gzip, zstd

        var suffix: String {
            switch self {
            case .gzip: "gz"
            case .zstd: "zst"
            }
        }
    }

    /// An OCI image layout with gzip'd (or zstd'd) layers; returns its directory.
    public func ociLayout(tag: String = "1.0", compression: LayerCompression = .gzip) throws -> String {
        let layout = directory.file("layout")
        let blobs = layout + "/blobs/sha256"
        try FileManager.default.createDirectory(atPath: blobs, withIntermediateDirectories: true)
        var layerDescriptors: [[String: Any]] = []
        var diffIDs: [String] = []
        for layer in layers {
            diffIDs.append("sha256:" + (try sha256(layer)))
            let compressed = layer + "." + compression.suffix
            switch compression {
            case .gzip: try run("/usr/bin/gzip", ["-kfn", layer])
            case .zstd: try run("/usr/bin/zstd", ["-qkf", layer, "-o", compressed])
            }
            let digest = try sha256(compressed)
            try FileManager.default.copyItem(atPath: compressed, toPath: blobs + "/" + digest)
            layerDescriptors.append([
                "mediaType": "application/vnd.oci.image.layer.v1.tar+\(compression == .gzip ? "gzip" : "zstd")",
                "digest": "sha256:" + digest, "size": try size(compressed),
            ])
        }
        var config = self.config
        config["rootfs"] = ["type": "layers", "diff_ids": diffIDs]
        config["architecture"] = "amd64"
        config["os"] = "linux"
        let configDigest = try writeBlob(config, into: blobs)
        let manifest: [String: Any] = [
            "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": [
                "mediaType": "application/vnd.oci.image.config.v1+json", "digest": configDigest.digest,
                "size": configDigest.size,
            ],
            "layers": layerDescriptors,
        ]
        let manifestDigest = try writeBlob(manifest, into: blobs)
        let index: [String: Any] = [
            "schemaVersion": 2,
            "manifests": [
                [
                    "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": manifestDigest.digest,
                    "size": manifestDigest.size, "annotations": ["org.opencontainers.image.ref.name": tag],
                ]
            ],
        ]
        try JSONSerialization.data(withJSONObject: index).write(to: URL(fileURLWithPath: layout + "/index.json"))
        try Data("{\"imageLayoutVersion\":\"1.0.0\"}".utf8).write(to: URL(fileURLWithPath: layout + "/oci-layout"))
        return layout
    }

    /// The OCI layout as a tar file.
    public func ociArchive() throws -> String {
        let layout = try ociLayout()
        let archive = directory.file("image-oci.tar")
        try run("/usr/bin/tar", ["-C", layout, "-cf", archive, "oci-layout", "index.json", "blobs"])
        return archive
    }

    /// A docker-archive (`docker save` format): uncompressed layers, manifest.json with RepoTags.
    public func dockerArchive(repoTag: String) throws -> String {
        let staging = directory.file("docker")
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        var names: [String] = []
        var diffIDs: [String] = []
        for layer in layers {
            let digest = try sha256(layer)
            diffIDs.append("sha256:" + digest)
            try FileManager.default.createDirectory(atPath: staging + "/" + digest, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: layer, toPath: staging + "/\(digest)/layer.tar")
            names.append("\(digest)/layer.tar")
        }
        var config = self.config
        config["rootfs"] = ["type": "layers", "diff_ids": diffIDs]
        let configData = try JSONSerialization.data(withJSONObject: config)
        try configData.write(to: URL(fileURLWithPath: staging + "/config.json"))
        let manifest: [[String: Any]] = [["Config": "config.json", "RepoTags": [repoTag], "Layers": names]]
        try JSONSerialization.data(withJSONObject: manifest).write(to: URL(fileURLWithPath: staging + "/manifest.json"))
        let archive = directory.file("image-docker.tar")
        try run("/usr/bin/tar", ["-C", staging, "-cf", archive, "."])
        return archive
    }

    private func writeBlob(_ object: Any, into blobs: String) throws -> (digest: String, size: Int) {
        let data = try JSONSerialization.data(withJSONObject: object)
        let temporary = directory.file("blob.json")
        try data.write(to: URL(fileURLWithPath: temporary))
        let digest = try sha256(temporary)
        try FileManager.default.moveItem(atPath: temporary, toPath: blobs + "/" + digest)
        return ("sha256:" + digest, data.count)
    }

    public func sha256(_ file: String) throws -> String {
        String(try run("/usr/bin/sha256sum", [file]).prefix(64))
    }

    private func size(_ file: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
    }

    @discardableResult
    public func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestImageError(description: "\(tool) \(arguments.joined(separator: " ")) failed")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

public struct TestImageError: Error, CustomStringConvertible {
    public let description: String
}
