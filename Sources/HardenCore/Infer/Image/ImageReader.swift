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

/// Reads an image from an OCI layout, an OCI archive or a docker-archive without extracting anything: the JSON
/// documents are decoded, each layer is streamed through its digest check, gunzip and the tar reader, and only
/// file metadata and the few small files inference reads are kept.
public struct ImageReader: Sendable {
    public var limits: ImageLimits
    /// The platform picked from a multi-platform index.
    public var platform: (os: String, architecture: String)

    public init(limits: ImageLimits = .standard, platform: (os: String, architecture: String) = ("linux", "amd64")) {
        self.limits = limits
        self.platform = platform
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

    private func readLayout(tag: String?, open: (String) throws(ImageError) -> any ByteStream) throws(ImageError)
        -> ImageContents
    {
        let index = try decodeImageJSON(
            OCIManifest.self, from: try small(open("index.json"), "index.json"), what: "index.json")
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
        let manifest = try resolveManifest(chosen, open: open, depth: 0)
        guard let configDescriptor = manifest.config, let layers = manifest.layers else {
            throw .malformed("the image manifest has no config or no layers")
        }
        let config = try decodeImageJSON(
            ImageConfig.self, from: try small(try blob(configDescriptor.digest, open: open), "the config"),
            what: "the image config")
        guard layers.count <= limits.layers else { throw .overLimit("\(layers.count) layers") }
        var builder = ImageFilesystem.Builder(limits: limits, config: config)
        for (number, layer) in layers.enumerated() {
            let name = "layer \(number + 1) (\(Quoted.brief(layer.digest, limit: 20)))"
            let stream = try blob(layer.digest, open: open)
            try builder.apply(try decompressed(stream, mediaType: layer.mediaType ?? "", name: name), name: name)
        }
        return ImageContents(config: config, filesystem: builder.filesystem, name: tag)
    }

    /// Follows an index to the manifest for this platform.
    private func resolveManifest(
        _ descriptor: OCIDescriptor, open: (String) throws(ImageError) -> any ByteStream, depth: Int
    ) throws(ImageError) -> OCIManifest {
        guard depth < 4 else { throw .malformed("indexes nest deeper than 4 levels") }
        let manifest = try decodeImageJSON(
            OCIManifest.self, from: try small(try blob(descriptor.digest, open: open), "a manifest"),
            what: "manifest \(Quoted.brief(descriptor.digest, limit: 20))")
        guard let entries = manifest.manifests else { return manifest }
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
        return try resolveManifest(match, open: open, depth: depth + 1)
    }

    private func blob(_ digest: String, open: (String) throws(ImageError) -> any ByteStream) throws(ImageError)
        -> any ByteStream
    {
        let parts = digest.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[0] == "sha256", parts[1].allSatisfy(\.isHexDigit) else {
            throw .malformed("digest \(Quoted.brief(digest, limit: 80)) is not sha256:<hex>")
        }
        return try DigestCheckingStream(try open("blobs/sha256/\(parts[1])"), digest: digest)
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
        if mediaType.hasSuffix(".tar") || mediaType.hasSuffix("+tar") || mediaType.isEmpty {
            return try sniffedDecompression(stream, name: name)
        }
        throw .unsupportedMediaType(mediaType)
    }

    /// gzip when the bytes start with its magic number, plain tar otherwise (docker-archive layers carry no type).
    private func sniffedDecompression(_ stream: any ByteStream, name: String) throws(ImageError) -> any ByteStream {
        let head = try stream.read(exactly: 2)
        let replay = PrefixedStream(prefix: head, rest: stream)
        if head == [0x1f, 0x8b] { return try GunzipStream(replay, limit: limits.layerBytes, name: name) }
        if head == [0x28, 0xb5] { throw .unsupportedMediaType("zstd (\(name))") }
        return replay
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
