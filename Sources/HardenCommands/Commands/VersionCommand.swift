import ArgumentParser
import HardenCore

/// `harden version`: the binary's version and the knowledge base it reads.
struct VersionCommand: HardenCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print harden's version and the knowledge base it reads (where, fingerprint, entries).")

    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    func run(in context: CommandContext) throws -> Int32 {
        let opened = try knowledgeBase.open(in: context)
        let summaries = try opened.summaries()
        let variants = summaries.map(\.variants.count).reduce(0, +)
        context.standardOutput.line("harden \(Harden.configuration.version)")
        context.standardOutput.line("knowledge base: \(opened.location)")
        context.standardOutput.line("built-in seed data fingerprint: \(DefaultKnowledgeBase.fingerprint)")
        context.standardOutput.line("entries: \(summaries.count) images, \(variants) variants")
        return ExitStatus.success
    }
}
