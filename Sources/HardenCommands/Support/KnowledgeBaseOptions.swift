import ArgumentParser
import HardenCore

/// `--db FILE` (also `HARDEN_DB`): which knowledge base to read, the built-in one by default; `--seed-dir DIR` (also
/// `HARDEN_SEED_DIRS`, colon-separated): team overlays layered over the built-in entries, for every command.
struct KnowledgeBaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The knowledge base file to read (default: $HARDEN_DB, else the one built into harden).",
            valueName: "file"))
    var db: String?

    @Option(
        name: .customLong("seed-dir"),
        help: ArgumentHelp(
            "A team overlay of seed files layered over the built-in entries (repeatable; also $HARDEN_SEED_DIRS).",
            valueName: "dir"))
    var seedDirectories: [String] = []

    /// Opens the chosen knowledge base read-only; with overlays, builds it in memory from the built-in entries and
    /// the overlays (validated as `db build` validates them).
    func open(in context: CommandContext) throws -> KnowledgeBase {
        try Self.open(db: db, seedDirectories: seedDirectories, in: context)
    }

    /// The knowledge base these options choose, also for a caller that parsed none (`HardenCLI`'s front door for
    /// `harden resolve REF...` opens the default one: neither `--db` nor `--seed-dir`).
    static func open(db: String?, seedDirectories: [String], in context: CommandContext) throws -> KnowledgeBase {
        let knowledgeBase = try choose(db: db, seedDirectories: seedDirectories, in: context)
        context.keptUntilExit?.keep(knowledgeBase)
        return knowledgeBase
    }

    private static func choose(db: String?, seedDirectories: [String], in context: CommandContext) throws
        -> KnowledgeBase
    {
        if let db {
            guard seedDirectories.isEmpty else {
                throw OptionConflict(
                    message:
                        "--db and --seed-dir exclude each other: build the overlay into the file with `harden db build`"
                )
            }
            return try KnowledgeBase(path: db)
        }
        let overlays = overlayDirectories(seedDirectories, in: context)
        if !overlays.isEmpty {
            guard (context.environment["HARDEN_DB"] ?? "").isEmpty else {
                throw OptionConflict(
                    message: "HARDEN_DB and team overlays (HARDEN_SEED_DIRS, --seed-dir) exclude each other: unset one")
            }
            let layers = try overlays.map { path throws(SeedError) in try SeedLayer.read(directory: path) }
            let catalog = SeedCatalog.load([.shipped] + layers)
            guard catalog.errors.isEmpty else { throw SeedError.invalid(catalog.errors) }
            return try KnowledgeBaseBuilder.inMemory(catalog.entries, mirrors: catalog.mirrors)
        }
        if let path = context.environment["HARDEN_DB"].flatMap({ $0.isEmpty ? nil : $0 }) {
            return try KnowledgeBase(path: path)
        }
        return try DefaultKnowledgeBase.open(environment: context.environment)
    }

    /// `HARDEN_SEED_DIRS` then `--seed-dir`, in layering order.
    func overlayDirectories(in context: CommandContext) -> [String] {
        Self.overlayDirectories(seedDirectories, in: context)
    }

    private static func overlayDirectories(_ seedDirectories: [String], in context: CommandContext) -> [String] {
        (context.environment["HARDEN_SEED_DIRS"] ?? "").split(separator: ":").map(String.init) + seedDirectories
    }

    /// The seed file text that defines `repository`: the last overlay's that does, else the shipped one with
    /// `override: true` added (for a team to start from). Nil for an entry read from a --db file only.
    func seedText(for repository: String, reference: ImageReference, in context: CommandContext) throws -> String? {
        for directory in overlayDirectories(in: context).reversed() {
            if let file = try SeedLayer.read(directory: directory).file(for: repository) { return file.contents }
        }
        return ShippedSeed.overrideText(for: reference)
    }
}

/// Two options that cannot be used together.
struct OptionConflict: HardenError {
    var message: String
    var category: ErrorCategory { .invalidOption }
    var description: String { message }
}
