/// The merged file tree of an image's layers: metadata of every path (whiteouts applied), and the content of the
/// few small files inference reads (`/etc/passwd`, `/etc/group`, the entrypoint script).
public struct ImageFilesystem: Sendable {
    public struct File: Sendable, Equatable {
        public var kind: TarEntry.Kind
        public var mode: Int
        public var uid: Int
        public var gid: Int
        public var size: Int
        public var linkName: String
    }

    /// Absolute paths ("/etc/passwd") to their metadata.
    public private(set) var files: [String: File] = [:]
    /// Content of the files kept, by absolute path.
    public private(set) var contents: [String: [UInt8]] = [:]

    /// Files whose content is kept: small, and read by inference.
    static let keptContentLimit = 256 << 10

    /// Follows symlinks (at most 16) to the path they end at.
    public func resolvingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<16 {
            guard let file = files[current], file.kind == .symlink else { return current }
            let target = file.linkName
            current =
                target.hasPrefix("/")
                ? target
                : (ContainerPath.parent(of: current).map { $0 == "/" ? "/" + target : $0 + "/" + target } ?? target)
            current = StageState.normalise(current, workdir: "/") ?? current
        }
        return current
    }

    /// The content of `path` (links followed), when it was kept.
    public func text(_ path: String) -> String? {
        contents[resolvingLinks(path)].map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether anything lies under the directory `path` in the image.
    public func hasContent(under path: String) -> Bool {
        let prefix = path == "/" ? "/" : path + "/"
        return files.keys.contains { $0.hasPrefix(prefix) }
    }

    /// Applies layers in order.
    struct Builder {
        private(set) var filesystem = ImageFilesystem()
        private let limits: ImageLimits
        /// Paths whose content is kept as layers are read.
        private let wanted: Set<String>
        private var total = 0

        init(limits: ImageLimits, config: ImageConfig) {
            self.limits = limits
            self.wanted = Self.wantedFiles(config)
        }

        /// The entrypoint or command's program, on each directory of PATH when it is a bare name, and the account
        /// files.
        static func wantedFiles(_ config: ImageConfig) -> Set<String> {
            var wanted: Set<String> = ["/etc/passwd", "/etc/group"]
            let program = (config.config.entrypoint ?? []).first ?? (config.config.command ?? []).first
            guard let program, !program.isEmpty else { return wanted }
            if program.hasPrefix("/") {
                wanted.insert(program)
            } else if program.contains("/") {
                let workdir = config.config.workingDirectory ?? "/"
                if let path = StageState.normalise(program, workdir: workdir) { wanted.insert(path) }
            } else {
                let path = config.environment("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
                for directory in path.split(separator: ":") where directory.hasPrefix("/") {
                    wanted.insert(directory == "/" ? "/" + program : directory + "/" + program)
                }
            }
            return wanted
        }

        /// One layer: its whiteouts remove what lower layers put there, then its entries are added.
        mutating func apply(_ stream: any ByteStream, name: String) throws(ImageError) {
            let reader = TarReader(stream, maxEntries: limits.layerEntries, name: name)
            var added: [(String, File)] = []
            var removed: Set<String> = []
            var opaque: Set<String> = []
            var kept: [String: [UInt8]] = [:]
            while let entry = try reader.next() {
                total += 1
                guard total <= limits.totalEntries else {
                    throw .overLimit("more than \(limits.totalEntries) files in all layers")
                }
                guard let path = StageState.normalise("/" + entry.name, workdir: "/"), !entry.name.isEmpty else {
                    continue  // "." or a name that climbs out of the root: nothing in the image
                }
                let base = path.split(separator: "/").last.map(String.init) ?? ""
                let directory = ContainerPath.parent(of: path) ?? "/"
                if base == ".wh..wh..opq" {
                    opaque.insert(directory)
                    continue
                }
                if base.hasPrefix(".wh.") {
                    let hidden = String(base.dropFirst(4))
                    removed.insert(directory == "/" ? "/" + hidden : directory + "/" + hidden)
                    continue
                }
                let file = File(
                    kind: entry.kind, mode: entry.mode & 0o7777, uid: entry.uid, gid: entry.gid, size: entry.size,
                    linkName: entry.linkName)
                added.append((path, file))
                if entry.kind == .file, wanted.contains(path),
                    let bytes = try reader.content(limit: ImageFilesystem.keptContentLimit)
                {
                    kept[path] = bytes
                }
            }
            filesystem.remove(removed, opaqueDirectories: opaque)
            for (path, file) in added {
                filesystem.files[path] = file
                filesystem.contents[path] = nil
            }
            for (path, bytes) in kept { filesystem.contents[path] = bytes }
        }
    }

    /// Removes whited-out paths with everything under them, and the lower content of opaque directories, in one
    /// pass over the tree.
    mutating func remove(_ paths: Set<String>, opaqueDirectories: Set<String>) {
        guard !paths.isEmpty || !opaqueDirectories.isEmpty else { return }
        for path in Array(files.keys) {
            let hidden =
                ContainerPath.covering(path, in: paths) != nil
                || ContainerPath.ancestors(of: path).contains(where: opaqueDirectories.contains)
                || (opaqueDirectories.contains("/") && path != "/")
            if hidden {
                files[path] = nil
                contents[path] = nil
            }
        }
    }
}
