import ArgumentParser
import HardenCore

/// `harden entries schema`: the JSON Schema of seed files, for editors (yaml-language-server, VS Code, IntelliJ).
struct EntriesSchemaCommand: HardenCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of seed files, for editors.",
        discussion: """
            Save it at the root of a seed directory (harden entries schema > team-seeds/seed.schema.json): files that
            `harden entries new` drafts carry a `# yaml-language-server: $schema=...` header pointing at it, so that
            editors complete fields and flag typos. `harden entries lint` remains the full check.
            """
    )

    func run(in context: CommandContext) throws -> Int32 {
        context.standardOutput.write(SeedSchema.json)
        return ExitStatus.success
    }
}
