import ArgumentParser
import HardenCore

/// `harden show IMAGE`: one entry with its variants and the sources of every fact.
struct ShowCommand: HardenCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one knowledge-base entry with its variants and sources.",
        discussion:
            "IMAGE is any reference to the image: nginx, docker.io/library/nginx, public.ecr.aws/docker/library/nginx:1.27."
    )

    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    @Option(name: .shortAndLong, help: "Output format.")
    var output: DetailFormat = .text

    @Argument(help: "The image.")
    var image: String

    func run(in context: CommandContext) throws -> Int32 {
        let resolver = Resolver(knowledgeBase: try knowledgeBase.open(in: context))
        let reference = try ImageReference.parse(image)
        guard let found = try resolver.findEntry(for: reference) else {
            let suggestions = try resolver.suggestions(for: reference)
            let hint = suggestions.isEmpty ? "" : "; did you mean \(suggestions.joined(separator: ", "))?"
            context.standardError.line("harden: \(reference.repository) is not in the knowledge base\(hint)")
            return ExitStatus.notFound
        }
        switch output {
        case .text: context.standardOutput.line(EntryText.render(found.entry))
        case .json: context.standardOutput.line(try StructuredOutput.json(found.entry))
        case .yaml: context.standardOutput.write(try StructuredOutput.yaml(found.entry))
        }
        return ExitStatus.success
    }
}
