import Foundation

/// Bounds on what reading one image may cost, so that a hostile image takes bounded time and memory.
public struct ImageLimits: Sendable {
    /// Bytes one layer may inflate to.
    public var layerBytes: Int
    /// Members of one layer, and of all layers together.
    public var layerEntries: Int
    public var totalEntries: Int
    /// Layers of one image.
    public var layers: Int

    public static let standard = ImageLimits(
        layerBytes: 8 << 30, layerEntries: 500_000, totalEntries: 2_000_000, layers: 256)
}

/// An image read for inference: its configuration and the merged file tree of its layers.
public struct ImageContents: Sendable {
    public var config: ImageConfig
    public var filesystem: ImageFilesystem
    /// The reference or tag the image was picked by, when the source names one.
    public var name: String?
}

/// Reads an image from an OCI layout, an OCI archive, a docker-archive or a registry without extracting anything:
/// the JSON documents are decoded, each layer is streamed through its digest check, gunzip and the tar reader, and
/// only file metadata and the few small files inference reads are kept.
public struct ImageReader: Sendable {
    public var limits: ImageLimits
    /// The platform picked from a multi-platform index.
    public var platform: (os: String, architecture: String)
    /// How registries may be reached, for `registry:` sources.
    public var registry: RegistryAccess

    public init(
        limits: ImageLimits = .standard, platform: (os: String, architecture: String) = ("linux", "amd64"),
        registry: RegistryAccess = RegistryAccess()
    ) {
        self.limits = limits
        self.platform = platform
        self.registry = registry
    }

    public func read(_ source: ImageSource) throws(ImageError) -> ImageContents {
        switch source {
        case .ociLayout(let directory, let tag):
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
            else { throw .unreadable(path: directory, reason: "no such directory") }
            return try readLayout(tag: tag) { path throws(ImageError) in
                try FileRegionStream(path: directory + "/" + path)
            }
        case .ociArchive(let file, let tag):
            let members = try ArchiveIndex(file: file, limits: limits)
            return try readLayout(tag: tag) { path throws(ImageError) in try members.open(path) }
        case .dockerArchive(let file, let reference):
            return try readDockerArchive(try ArchiveIndex(file: file, limits: limits), reference: reference)
        case .registry(let text):
            return try readRegistry(try ImageSource.reference(text), name: text)
        }
    }

    /// A document of an image, named by its digest: what an OCI layout keeps under `blobs/` and a registry serves
    /// from `manifests/` or `blobs/`.
    enum Blob {
        case manifest(String)
        case config(String)
        /// A layer, with its place among the image's layers.
        case layer(String, number: Int, count: Int)

        var digest: String {
            switch self {
            case .manifest(let digest), .config(let digest), .layer(let digest, _, _): digest
            }
        }
    }

    /// The file tree of one layer given as bytes (a tar, or a gzip'd tar), within the same limits: the reader of
    /// untrusted layers on its own, as the fuzzer drives it.
    public func filesystem(ofLayer bytes: [UInt8]) throws(ImageError) -> ImageFilesystem {
        var builder = ImageFilesystem.Builder(
            limits: limits, config: try decodeImageJSON(ImageConfig.self, from: Array("{}".utf8), what: "config"))
        try builder.apply(try sniffedDecompression(BytesStream(bytes), name: "layer"), name: "layer")
        return builder.filesystem
    }

    // MARK: OCI layouts

    private func readLayout(tag: String?, openFile: (String) throws(ImageError) -> any ByteStream)
        throws(ImageError) -> ImageContents
    {
        let index = try decodeImageJSON(
            OCIManifest.self, from: try small(openFile("index.json"), "index.json"), what: "index.json")
        let candidates = index.manifests ?? []
        let chosen: OCIDescriptor
        if let tag {
            guard let found = candidates.first(where: { $0.refName == tag }) else {
                let known = candidates.compactMap(\.refName).map { Quoted.brief($0, limit: 40) }
                throw .noSuchImage(
                    "the layout has no image tagged \(Quoted.brief(tag, limit: 60)) (it has: \(known.isEmpty ? "no tags" : known.joined(separator: ", ")))"
                )
            }
            chosen = found
        } else {
            guard candidates.count == 1, let only = candidates.first else {
                let known = candidates.compactMap(\.refName).map { Quoted.brief($0, limit: 40) }
                throw .noSuchImage(
                    "the layout holds \(candidates.count) images: name one with :TAG (tags: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
                )
            }
            chosen = only
        }
        let open = { (blob: Blob) throws(ImageError) -> any ByteStream in
            try openFile("blobs/sha256/\(blob.digest.dropFirst("sha256:".count))")
        }
        let manifest = try resolve(try manifest(chosen.digest, open: open), open: open, depth: 0)
        return try readImage(manifest, open: open, name: tag)
    }

    // MARK: Registries

    /// An image pulled from its registry, streamed like a layout's blobs: nothing is written to disk.
    private func readRegistry(_ reference: ImageReference, name: String) throws(ImageError) -> ImageContents {
        let client = try RegistryClient(reference: reference, access: registry)
        let started = ContinuousClock.now
        let access = registry
        let open = { (blob: Blob) throws(ImageError) -> any ByteStream in
            switch blob {
            case .manifest(let digest):
                return MemoryStream(try client.manifest(digest))
            case .config(let digest):
                return try RegistryBlobStream(client: client, digest: digest, limit: 4 << 20) { _ in }
            case .layer(let digest, let number, let count):
                return try RegistryBlobStream(client: client, digest: digest, limit: limits.layerBytes) { bytes in
                    guard let progress = access.progress, ContinuousClock.now - started > access.progressAfter
                    else { return }
                    progress("pulled layer \(number)/\(count) of \(name): \(Self.size(bytes))")
                }
            }
        }
        let root: OCIManifest
        if let digest = reference.digest {
            root = try manifest(digest, open: open)
        } else {
            root = try decodeImageJSON(
                OCIManifest.self, from: try client.manifest(reference.tag ?? "latest"),
                what: "the manifest of \(Quoted.brief(name, limit: 80))")
        }
        return try readImage(try resolve(root, open: open, depth: 0), open: open, name: name)
    }

    /// Bytes as people read them: `812 KiB`, `14.2 MiB`.
    private static func size(_ bytes: Int) -> String {
        bytes < 1 << 20
            ? "\(max(1, bytes >> 10)) KiB" : "\(Double((bytes * 10) >> 20) / 10) MiB"
    }

    // MARK: Manifests, config and layers

    /// The image a manifest describes: its config, and its layers applied in order.
    private func readImage(
        _ manifest: OCIManifest, open: (Blob) throws(ImageError) -> any ByteStream, name imageName: String?
    ) throws(ImageError) -> ImageContents {
        guard let configDescriptor = manifest.config, let layers = manifest.layers else {
            throw .malformed("the image manifest has no config or no layers")
        }
        let config = try decodeImageJSON(
            ImageConfig.self,
            from: try small(try blob(.config(configDescriptor.digest), open: open), "the config"),
            what: "the image config")
        guard layers.count <= limits.layers else { throw .overLimit("\(layers.count) layers") }
        var builder = ImageFilesystem.Builder(limits: limits, config: config)
        for (number, layer) in layers.enumerated() {
            let name = "layer \(number + 1) (\(Quoted.brief(layer.digest, limit: 20)))"
            let stream = try blob(.layer(layer.digest, number: number + 1, count: layers.count), open: open)
            do {
                try builder.apply(try decompressed(stream, mediaType: layer.mediaType ?? "", name: name), name: name)
            } catch .malformed(let detail) {
                // An altered layer usually breaks its gzip or tar before its end, where the digest is checked: the
                // rest is read so that a digest mismatch, the truer report, is thrown instead.
                try drain(stream)
                throw .malformed(detail)
            }
            try drain(stream)
        }
        return ImageContents(config: config, filesystem: builder.filesystem, name: imageName)
    }

    private func manifest(_ digest: String, open: (Blob) throws(ImageError) -> any ByteStream) throws(ImageError)
        -> OCIManifest
    {
        try decodeImageJSON(
            OCIManifest.self, from: try small(try blob(.manifest(digest), open: open), "a manifest"),
            what: "manifest \(Quoted.brief(digest, limit: 20))")
    }

    /// Follows an index to the manifest for this platform.
    private func resolve(_ manifest: OCIManifest, open: (Blob) throws(ImageError) -> any ByteStream, depth: Int)
        throws(ImageError) -> OCIManifest
    {
        guard let entries = manifest.manifests else { return manifest }
        guard depth < 4 else { throw .malformed("indexes nest deeper than 4 levels") }
        guard
            let match = entries.first(where: {
                $0.platform?.os == platform.os && $0.platform?.architecture == platform.architecture
            }) ?? (entries.count == 1 ? entries.first : nil)
        else {
            let platforms = entries.compactMap { $0.platform.map { "\($0.os)/\($0.architecture)" } }
            throw .noSuchImage(
                "the image has no \(platform.os)/\(platform.architecture) variant (it has: \(platforms.joined(separator: ", ")))"
            )
        }
        return try resolve(try self.manifest(match.digest, open: open), open: open, depth: depth + 1)
    }

    /// A blob, checked against its digest as it is read.
    private func blob(_ blob: Blob, open: (Blob) throws(ImageError) -> any ByteStream) throws(ImageError)
        -> any ByteStream
    {
        let parts = blob.digest.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[0] == "sha256", parts[1].allSatisfy(\.isHexDigit) else {
            throw .malformed("digest \(Quoted.brief(blob.digest, limit: 80)) is not sha256:<hex>")
        }
        return try DigestCheckingStream(try open(blob), digest: blob.digest)
    }

    // MARK: docker-archive

    private func readDockerArchive(_ archive: ArchiveIndex, reference: String?) throws(ImageError) -> ImageContents {
        let items = try decodeImageJSON(
            [DockerArchiveItem].self, from: try small(archive.open("manifest.json"), "manifest.json"),
            what: "manifest.json")
        let item: DockerArchiveItem
        if let reference {
            let wanted = [
                reference, "docker.io/" + reference, "docker.io/library/" + reference, "localhost/" + reference,
            ]
            guard let found = items.first(where: { ($0.repoTags ?? []).contains(where: wanted.contains) }) else {
                let tags = items.flatMap { $0.repoTags ?? [] }.map { Quoted.brief($0, limit: 60) }
                throw .noSuchImage(
                    "the archive has no image \(Quoted.brief(reference, limit: 60)) (it has: \(tags.isEmpty ? "no tags" : tags.joined(separator: ", ")))"
                )
            }
            item = found
        } else {
            guard items.count == 1, let only = items.first else {
                throw .noSuchImage("the archive holds \(items.count) images: name one with :REFERENCE")
            }
            item = only
        }
        let config = try decodeImageJSON(
            ImageConfig.self, from: try small(archive.open(item.config), "the config"), what: "the image config")
        guard item.layers.count <= limits.layers else { throw .overLimit("\(item.layers.count) layers") }
        let diffIDs = config.rootfs?.diffIDs ?? []
        var builder = ImageFilesystem.Builder(limits: limits, config: config)
        for (number, path) in item.layers.enumerated() {
            let name = "layer \(number + 1) (\(Quoted.brief(path, limit: 40)))"
            var stream = try sniffedDecompression(try archive.open(path), name: name)
            // The config names each layer's uncompressed digest (diff_id): checked as the layer is read.
            if number < diffIDs.count { stream = try DigestCheckingStream(stream, digest: diffIDs[number]) }
            try builder.apply(stream, name: name)
            try drain(stream)
        }
        return ImageContents(config: config, filesystem: builder.filesystem, name: reference ?? item.repoTags?.first)
    }

    // MARK: Bytes

    private func decompressed(_ stream: any ByteStream, mediaType: String, name: String) throws(ImageError)
        -> any ByteStream
    {
        if mediaType.hasSuffix("+gzip") || mediaType.hasSuffix(".gzip") || mediaType.hasSuffix("tar.gzip") {
            return try GunzipStream(stream, limit: limits.layerBytes, name: name)
        }
        if mediaType.hasSuffix("+zstd") {
            return try ZstdStream(stream, limit: limits.layerBytes, name: name)
        }
        if mediaType.hasSuffix(".tar") || mediaType.hasSuffix("+tar") || mediaType.isEmpty {
            return try sniffedDecompression(stream, name: name)
        }
        throw .unsupportedMediaType(mediaType)
    }

    /// gzip or zstd when the bytes start with its magic number, plain tar otherwise (docker-archive layers carry no
    /// type).
    private func sniffedDecompression(_ stream: any ByteStream, name: String) throws(ImageError) -> any ByteStream {
        let head = try stream.read(exactly: 4)
        let replay = PrefixedStream(prefix: head, rest: stream)
        if head.starts(with: [0x1f, 0x8b]) { return try GunzipStream(replay, limit: limits.layerBytes, name: name) }
        if head == [0x28, 0xb5, 0x2f, 0xfd] { return try ZstdStream(replay, limit: limits.layerBytes, name: name) }
        return replay
    }

    /// Reads a layer to its end. The tar reader stops at the end-of-archive blocks and gunzip at the end of its
    /// stream, before the blob's last byte: only there does the digest check run.
    private func drain(_ stream: any ByteStream) throws(ImageError) {
        while try !stream.read(upTo: 1 << 16).isEmpty {}
    }

    /// A JSON document read whole, refused past 4 MiB.
    private func small(_ stream: any ByteStream, _ what: String) throws(ImageError) -> [UInt8] {
        let bytes = try stream.read(exactly: (4 << 20) + 1)
        guard bytes.count <= 4 << 20 else { throw .overLimit("\(what) is over 4 MiB") }
        // Drain to the end so that a digest check runs.
        _ = try stream.read(upTo: 1)
        return bytes
    }
}

/// Bytes in memory, as a stream.
final class BytesStream: ByteStream {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(upTo limit: Int) throws(ImageError) -> [UInt8] {
        let end = min(bytes.count, offset + limit)
        defer { offset = end }
        return Array(bytes[offset..<end])
    }
}

/// Bytes already read, put back in front of the rest.
final class PrefixedStream: ByteStream {
    private var prefix: [UInt8]
    private let rest: any ByteStream

    init(prefix: [UInt8], rest: any ByteStream) {
        self.prefix = prefix
        self.rest = rest
    }

    func read(upTo limit: Int) throws(ImageError) -> [UInt8] {
        guard prefix.isEmpty else {
            let head = Array(prefix.prefix(limit))
            prefix.removeFirst(head.count)
            return head
        }
        return try rest.read(upTo: limit)
    }
}
