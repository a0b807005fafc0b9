import Foundation

/// The knowledge base built from the seed data compiled into this binary.
///
/// Built on first use into `$HARDEN_CACHE_DIR`, else `$XDG_CACHE_HOME/harden`, else `~/.cache/harden`, as
/// `knowledge-<fingerprint>.sqlite`; the fingerprint changes with every change to the embedded files, so an
/// upgraded binary never reads a stale cache. Where no cache directory is writable (a read-only root
/// filesystem), it is built in memory for the life of the process.
public enum DefaultKnowledgeBase {
    /// The fingerprint of the embedded migrations and seed files.
    public static var fingerprint: String { EmbeddedResources.fingerprint }

    /// The cache file for this binary's embedded data, given the process environment.
    public static func cachePath(environment: [String: String]) -> String? {
        let directory: String
        if let explicit = environment["HARDEN_CACHE_DIR"], !explicit.isEmpty {
            directory = explicit
        } else if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            directory = xdg + "/harden"
        } else if let home = environment["HOME"], !home.isEmpty {
            directory = home + "/.cache/harden"
        } else {
            return nil
        }
        return directory + "/knowledge-\(fingerprint).sqlite"
    }

    /// Opens the default knowledge base, building it first if needed.
    public static func open(environment: [String: String]) throws -> KnowledgeBase {
        if let path = cachePath(environment: environment) {
            if let cached = try? KnowledgeBase(path: path) { return cached }
            if let built = try? buildCache(at: path) { return built }
        }
        let catalog = try shippedCatalog()
        return try KnowledgeBaseBuilder.inMemory(catalog.entries, mirrors: catalog.mirrors)
    }

    /// The shipped entries and mirrors; the tests guarantee they validate, so an error here is a packaging bug.
    public static func shippedCatalog() throws -> SeedCatalog {
        let catalog = SeedCatalog.load([.shipped])
        guard catalog.errors.isEmpty else { throw SeedError.invalid(catalog.errors) }
        return catalog
    }

    private static func buildCache(at path: String) throws -> KnowledgeBase {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try KnowledgeBaseBuilder.build(try shippedCatalog(), to: path)
        return try KnowledgeBase(path: path)
    }
}
