import Foundation

/// One directory of seed files: the entries shipped with harden, or a team's own.
public struct SeedLayer: Sendable {
    /// A seed file's path (relative to the layer's images directory) and text.
    public struct File: Sendable {
        public var path: String
        public var contents: String

        public init(path: String, contents: String) {
            self.path = path
            self.contents = contents
        }
    }

    /// `shipped`, or the overlay directory as the user named it.
    public var name: String
    /// The directory file paths are relative to, as shown in messages.
    public var root: String
    public var files: [File]
    /// The layer's `mirrors.yaml`, where it has one.
    public var mirrors: File?
    /// Problems met while reading the files (unreadable, not UTF-8, too large).
    public var readIssues: [SeedIssue]

    public init(name: String, root: String, files: [File], mirrors: File? = nil, readIssues: [SeedIssue] = []) {
        self.name = name
        self.root = root
        self.files = files
        self.mirrors = mirrors
        self.readIssues = readIssues
    }

    /// The layer name of the entries compiled into harden.
    /// The file that defines `repository`: seed files live at `<repository>.yaml` under the layer's root, and the
    /// build refuses a file whose repository does not match its place.
    public func file(for repository: String) -> File? {
        files.first { $0.path == "\(repository).yaml" || $0.path.hasSuffix("/\(repository).yaml") }
    }

    public static let shippedName = "shipped"
    /// Where the shipped seed files are, as their issues name them.
    public static let shippedRoot = "seed-data/images"

    /// The entries compiled into this binary from seed-data/images.
    public static var shipped: SeedLayer {
        SeedLayer(
            name: shippedName, root: shippedRoot,
            files: EmbeddedResources.seedFiles.map { File(path: $0.path, contents: $0.contents) },
            mirrors: File(path: "seed-data/mirrors.yaml", contents: EmbeddedResources.mirrorsFile))
    }

    /// Reads every `*.yaml` file under `directory/images` (or under `directory` itself when it has no `images`),
    /// and `directory/mirrors.yaml` where it exists.
    public static func read(directory: String) throws(SeedError) -> SeedLayer {
        let root = URL(fileURLWithPath: directory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw .unreadableDirectory(path: directory, reason: "no such directory")
        }
        guard isDirectory.boolValue else { throw .unreadableDirectory(path: directory, reason: "not a directory") }
        let imagesDirectory = root.appending(path: "images")
        let hasImages = FileManager.default.fileExists(atPath: imagesDirectory.path)
        let base = hasImages ? imagesDirectory : root
        let displayRoot = hasImages ? (directory as NSString).appendingPathComponent("images") : directory
        guard let walker = FileManager.default.enumerator(atPath: base.path) else {
            throw .unreadableDirectory(path: directory, reason: "cannot list its files")
        }
        var files: [File] = []
        var issues: [SeedIssue] = []
        for case let relative as String in walker {
            if relative.hasSuffix(".yml") {
                issues.append(
                    SeedIssue(
                        .error, file: "\(displayRoot)/\(relative)", line: nil, field: "",
                        message: "seed files end in .yaml; rename the file"))
            }
            guard relative.hasSuffix(".yaml"), hasImages || relative != "mirrors.yaml" else { continue }
            let url = base.appending(path: relative)
            let text: String
            switch TextFile.read(url.path, limit: YAMLLimits.seedFile.maxBytes, origin: .listed) {
            case .success(let read): text = read
            case .failure(let problem):
                issues.append(
                    SeedIssue(
                        .error, file: "\(displayRoot)/\(relative)", line: nil, field: "", message: "the file \(problem)"
                    ))
                continue
            }
            files.append(File(path: relative, contents: text))
        }
        files.sort { $0.path < $1.path }
        let mirrorsPath = root.appending(path: "mirrors.yaml").path
        let mirrorsFile = (directory as NSString).appendingPathComponent("mirrors.yaml")
        var mirrors: File?
        switch TextFile.read(mirrorsPath, limit: YAMLLimits.seedFile.maxBytes, origin: .listed) {
        case .success(let text): mirrors = File(path: mirrorsFile, contents: text)
        case .failure(.missing): break
        case .failure(let problem):
            issues.append(SeedIssue(.error, file: mirrorsFile, line: nil, field: "", message: "the file \(problem)"))
        }
        return SeedLayer(name: directory, root: displayRoot, files: files, mirrors: mirrors, readIssues: issues)
    }
}
