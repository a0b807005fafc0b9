import ArgumentParser
import Foundation
import HardenCore

/// `harden entries lint [PATH...]`: every error and warning, for pre-commit hooks and CI.
struct EntriesLintCommand: HardenCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Validate seed files: errors and warnings with file, line and field.",
        discussion: """
            PATH is a seed directory (its images/ are read) or single seed files. Exit code: 0 clean (warnings
            allowed unless --strict), 2 when there are errors (or warnings with --strict), 3 when a path cannot be read.
            """
    )

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Argument(help: ArgumentHelp("Seed directories or files (default: seed-data).", valueName: "path"))
    var paths: [String] = []

    func run(in context: CommandContext) throws -> Int32 {
        let layers = try SeedLayer.read(paths: paths.isEmpty ? ["seed-data"] : paths)
        let catalog = SeedCatalog.load(layers)
        let ordered = catalog.issues.enumerated().sorted { a, b in
            (a.element.file, a.element.line ?? 0, a.offset) < (b.element.file, b.element.line ?? 0, b.offset)
        }
        for issue in ordered { context.standardOutput.line(issue.element.description) }
        let errors = catalog.errors.count
        let warnings = catalog.issues.count - errors
        let files = layers.map(\.files.count).reduce(0, +)
        context.standardError.line("\(files) files: \(errors) errors, \(warnings) warnings")
        return errors > 0 || (strict && warnings > 0) ? ExitStatus.notFound : ExitStatus.success
    }
}
