import ArgumentParser
import Foundation
import HardenCore

/// `harden entries new IMAGE`: a seed file with every field and its documentation.
struct EntriesNewCommand: HardenCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Scaffold a seed file for an image, every field documented, TODOs to fill in.",
        discussion: """
            With --from-file, the draft is complete: the profile `harden infer` draws from the Dockerfile (user,
            writable and protected paths, ports, pitfalls, and what the base image's entry gives), every fact citing
            the Dockerfile with medium confidence, for review. --from-image does the same from an image
            (oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:REF]). With --write, the file is created at
            DIR/images/<repository>.yaml (never overwritten).
            """
    )

    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    @Argument(help: "The image, e.g. registry.example.com/team/api or redis.")
    var image: String

    @Option(
        name: .customLong("from-file"),
        help: ArgumentHelp("The image's Dockerfile, to pre-fill facts.", valueName: "dockerfile"))
    var dockerfile: String?

    @Option(
        name: .customLong("from-image"),
        help: ArgumentHelp(
            "An image to pre-fill facts from: oci:DIR, oci-archive:FILE, docker-archive:FILE.", valueName: "source"))
    var fromImage: String?

    @Flag(help: "Create the file in the seed directory instead of printing it.")
    var write = false

    @Option(help: ArgumentHelp("The seed directory for --write.", valueName: "dir"))
    var seedData: String = "seed-data"

    func validate() throws {
        if dockerfile != nil && fromImage != nil {
            throw ValidationError("--from-file and --from-image exclude each other: choose one")
        }
    }

    func run(in context: CommandContext) throws -> Int32 {
        let repository = try ImageReference.parse(image).repository
        let scaffold: String
        if let dockerfile {
            let inferred = try InferCommand.infer(
                dockerfile, target: nil, buildArguments: [], knowledgeBase: knowledgeBase, context: context)
            scaffold = InferredSeed.render(repository: repository, inferred: inferred, from: .dockerfile(dockerfile))
        } else if let fromImage {
            let inferred = try InferCommand.readAndInferImage(
                fromImage, platform: "linux/amd64", registry: InferCommand.registryAccess(context: context),
                knowledgeBase: knowledgeBase, context: context
            ).inferred
            scaffold = InferredSeed.render(repository: repository, inferred: inferred, from: .image(fromImage))
        } else {
            scaffold = SeedScaffold.render(repository: repository)
        }
        guard write else {
            context.standardOutput.write(scaffold)
            return ExitStatus.success
        }
        let path = try NewSeedFile.create(scaffold, repository: repository, in: seedData)
        if let schema = try NewSeedFile.placeSchema(in: seedData) {
            context.standardError.line("wrote \(schema): the JSON Schema editors check the file against")
        }
        context.standardError.line(
            dockerfile == nil && fromImage == nil
                ? "wrote \(path): fill in every \(SeedScaffold.placeholder), then run `harden entries lint \(path)`"
                : "wrote \(path): review every inferred fact, then run `harden entries lint \(path)`")
        return ExitStatus.success
    }
}
