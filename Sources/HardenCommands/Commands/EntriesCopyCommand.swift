import ArgumentParser
import Foundation
import HardenCore

/// `harden entries copy IMAGE`: a shipped entry's seed file, as the start of a team override.
struct EntriesCopyCommand: HardenCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Print (or write into an overlay) a shipped entry's seed file, marked as an override.",
        discussion: """
            The file is the shipped seed file as reviewed, with `override: true` added, so that a team can correct or
            extend an entry in its own overlay: `harden entries copy nginx --write --seed-dir team-seeds`, edit, then
            `harden db build --seed-dir team-seeds`.
            """
    )

    @Argument(help: "The image whose entry to copy, by any reference to it.")
    var image: String

    @Flag(help: "Write the file into the overlay directory instead of printing it (never overwritten).")
    var write = false

    @Option(help: ArgumentHelp("The overlay directory for --write.", valueName: "dir"))
    var seedDir: String = "team-seeds"

    func run(in context: CommandContext) throws -> Int32 {
        let reference = try ImageReference.parse(image)
        guard let text = ShippedSeed.overrideText(for: reference) else {
            throw InputFileError(
                path: Quoted.brief(image), problem: "is not a shipped entry; `harden images` lists them")
        }
        guard write else {
            context.standardOutput.write(text)
            return ExitStatus.success
        }
        let repository = ShippedSeed.repository(for: reference) ?? reference.repository
        let path = try NewSeedFile.create(text, repository: repository, in: seedDir)
        context.standardError.line("wrote \(path): edit it, then `harden db build --seed-dir \(seedDir)`")
        return ExitStatus.success
    }
}
