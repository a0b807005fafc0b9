import ArgumentParser

/// `harden entries`: write and check seed files.
struct EntriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entries",
        abstract: "Scaffold and lint knowledge-base seed files.",
        subcommands: [
            EntriesNewCommand.self, EntriesCopyCommand.self, EntriesLintCommand.self, EntriesSchemaCommand.self,
        ]
    )
}
