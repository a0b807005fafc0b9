import ArgumentParser

/// `harden db`: build and inspect knowledge-base files.
struct DBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Build and inspect knowledge-base databases.",
        subcommands: [DBBuildCommand.self, DBDiffCommand.self]
    )
}
