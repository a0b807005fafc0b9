import ArgumentParser
import HardenCore

/// `harden db build`: validate seed data and write the database atomically.
struct DBBuildCommand: HardenCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Validate seed files and build the knowledge-base database.",
        discussion: """
            Every seed file is validated first; any error stops the build and the previous database stays as it was.
            Overlays stack in order over the seed data: an overlay entry for an image an earlier layer defines is an
            error unless it says `override: true`, and every override is reported.
            The database is written to a temporary file and renamed into place, and the same seed data always
            gives the same database.
            """
    )

    @Option(help: ArgumentHelp("The seed-data directory (default: the seed data built into harden).", valueName: "dir"))
    var seedData: String?

    @Option(
        help: ArgumentHelp(
            "A team overlay directory layered over the seed data (repeatable; also $HARDEN_SEED_DIRS, colon-separated).",
            valueName: "dir"))
    var seedDir: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the database.", valueName: "file"))
    var output: String = "harden.sqlite"

    @Flag(
        help:
            "Build from --seed-data alone even when it lacks shipped entries (a team's own entries belong in --seed-dir)."
    )
    var replaceShipped = false

    func run(in context: CommandContext) throws -> Int32 {
        let base = try seedData.map { path throws(SeedError) in try SeedLayer.read(directory: path) } ?? .shipped
        let environmentDirs = (context.environment["HARDEN_SEED_DIRS"] ?? "").split(separator: ":").map(String.init)
        let overlays = try (environmentDirs + seedDir).map { path throws(SeedError) in
            try SeedLayer.read(directory: path)
        }
        let catalog = SeedCatalog.load([base] + overlays)
        // Overrides change what users get, so each is said; the review warnings are `entries lint`'s job, and
        // those about the shipped entries, which a user cannot change, are not repeated to them.
        let warnings = catalog.issues.filter { $0.severity == .warning && !$0.file.hasPrefix(SeedLayer.shippedRoot) }
        for override in warnings where override.field == "override" { context.standardError.line(override.description) }
        let others = warnings.filter { $0.field != "override" }.count
        if others > 0 {
            context.standardError.line(
                "\(others) warnings (low-confidence or uncited sources, ...): `harden entries lint` lists them")
        }
        guard catalog.errors.isEmpty else { throw SeedError.invalid(catalog.errors) }
        if let seedData, !replaceShipped {
            // A directory of a team's own entries given as --seed-data would silently drop every shipped entry.
            let given = Set(catalog.entries.filter { $0.layer == base.name }.map(\.repository))
            let missing = SeedCatalog.load([.shipped]).entries.map(\.repository).filter { !given.contains($0) }
            if !missing.isEmpty {
                throw SeedError.missingShippedEntries(
                    directory: seedData, missing: missing.count, examples: Array(missing.prefix(3)))
            }
        }

        try KnowledgeBaseBuilder.build(catalog, to: output)
        let variants = catalog.entries.map(\.variants.count).reduce(0, +)
        context.standardError.line("built \(output): \(catalog.entries.count) images, \(variants) variants")
        return ExitStatus.success
    }
}
