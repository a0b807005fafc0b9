import Foundation

extension SeedLayer {
    /// Layers for what a user names on the command line: each directory is a layer; loose files form one more,
    /// placed by the part of their path after `images/` (a file outside an `images/` tree is not place-checked).
    public static func read(paths: [String]) throws(SeedError) -> [SeedLayer] {
        var layers: [SeedLayer] = []
        var loose: [File] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .unreadableFile(path: path, reason: "no such file or directory")
            }
            if isDirectory.boolValue {
                layers.append(try read(directory: path))
                continue
            }
            switch TextFile.read(path, limit: YAMLLimits.seedFile.maxBytes, origin: .named) {
            case .success(let text): loose.append(File(path: path, contents: text))
            case .failure(let problem): throw .unreadableFile(path: path, reason: "it \(problem)")
            }
        }
        if !loose.isEmpty { layers.append(SeedLayer(name: "files", root: "", files: loose)) }
        return layers
    }
}
