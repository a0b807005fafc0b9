import Foundation
import PackagePlugin

/// Embeds `migrations/*.sql`, `seed-data/images/**/*.yaml` and `seed-data/mirrors.yaml` into the target as Swift
/// literals.
///
/// SwiftPM resource bundles are not found once the binary is copied elsewhere, so an installed `harden`
/// carries its schema and default knowledge inside the executable instead.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let migrations = root.appending(path: "migrations")
        let seedImages = root.appending(path: "seed-data/images")
        let mirrors = root.appending(path: "seed-data/mirrors.yaml")
        let inputs =
            files(under: migrations, withExtension: "sql") + files(under: seedImages, withExtension: "yaml") + [mirrors]
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources.swift")
        return [
            .buildCommand(
                displayName: "Embedding migrations and seed data",
                executable: try context.tool(named: "embed-resources").url,
                arguments: [output.path, migrations.path, seedImages.path, mirrors.path],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }

    private func files(under directory: URL, withExtension ext: String) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            return []
        }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == ext }.sorted { $0.path < $1.path }
    }
}
