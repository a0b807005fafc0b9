import ArgumentParser
import HardenCore

/// The root command.
public struct Harden: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "harden",
        abstract: "Run container images immutably: read-only root filesystem, non-root, and the spec that works.",
        discussion: ExitStatus.summary,
        version: HardenVersion.current,
        subcommands: [
            GenerateCommand.self, AuditCommand.self, FixCommand.self, ResolveCommand.self, ImagesCommand.self,
            ShowCommand.self, InferCommand.self, DiagnoseCommand.self, EntriesCommand.self, DBCommand.self,
            VerifyCommand.self, ServeCommand.self, VersionCommand.self, CompletionCommand.self,
        ]
    )

    public init() {}
}
