import Foundation
import HardenCore

/// Creating a seed file in a seed directory: `DIR/images/<repository>.yaml`, atomically, never over an existing one.
enum NewSeedFile {
    /// Writes `text` and returns the path it wrote.
    static func create(_ text: String, repository: String, in directory: String) throws -> String {
        let path = "\(directory)/images/\(repository).yaml"
        guard !FileManager.default.fileExists(atPath: path) else {
            throw InputFileError(path: path, problem: "already exists; edit it, or remove it first to start over")
        }
        let parent = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw FileWriteError(path: path, reason: "cannot create \(parent)")
        }
        try AtomicFile.write(text, to: path)
        return path
    }

    /// Writes the seed JSON Schema at the root of `directory` when it is not there yet (the drafted file's
    /// `yaml-language-server` header points at it); returns the path when it wrote one.
    static func placeSchema(in directory: String) throws -> String? {
        let path = "\(directory)/\(SeedSchema.fileName)"
        guard !FileManager.default.fileExists(atPath: path) else { return nil }
        try AtomicFile.write(SeedSchema.json, to: path)
        return path
    }
}
