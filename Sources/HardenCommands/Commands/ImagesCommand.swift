import ArgumentParser
import HardenCore

/// `harden images`: list what the knowledge base knows.
struct ImagesCommand: HardenCommand {
    static let configuration = CommandConfiguration(
        commandName: "images",
        abstract: "List the images the knowledge base knows."
    )

    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    @Option(name: .shortAndLong, help: "Output format.")
    var output: ListFormat = .table

    func run(in context: CommandContext) throws -> Int32 {
        let summaries = try knowledgeBase.open(in: context).summaries()
        switch output {
        case .json: context.standardOutput.line(try StructuredOutput.json(summaries))
        case .yaml: context.standardOutput.write(try StructuredOutput.yaml(summaries))
        case .table:
            var table = TextTable(header: ["REPOSITORY", "VARIANTS", "CONFIDENCE", "DESCRIPTION"])
            table.rows = summaries.map {
                [$0.repository, $0.variants.joined(separator: ","), $0.confidence.rawValue, $0.description]
            }
            context.standardOutput.line(table.render())
            context.standardError.line("\(summaries.count) images")
        }
        return ExitStatus.success
    }
}
