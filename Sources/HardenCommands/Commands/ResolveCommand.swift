import ArgumentParser
import HardenCore

/// `harden resolve REF...`: which entry and variant a reference is, and why.
struct ResolveCommand: HardenCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Resolve image references to knowledge-base entries and explain the match.",
        discussion: """
            REF is anything a manifest holds: nginx, library/nginx:1.27-alpine, ghcr.io/org/app@sha256:..., \
            localhost:5000/nginx:dev. With "-", references are read from standard input, one per line.
            JSON output is one object for one reference and an array for several (see README: resolve JSON contract).
            Exit code: 0 all resolved, 2 some not in the knowledge base, 3 some invalid (reasons on stderr).
            """
    )

    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    @Option(name: .shortAndLong, help: "Output format.")
    var output: DetailFormat = .text

    @Option(help: ArgumentHelp("Use this variant instead of choosing by tag.", valueName: "name"))
    var variant: String?

    @Argument(help: ArgumentHelp("Image references, or - to read them from standard input.", valueName: "ref"))
    var references: [String]

    func validate() throws {
        guard !references.isEmpty else {
            throw ValidationError("name at least one image reference, or - for standard input")
        }
    }

    func run(in context: CommandContext) throws -> Int32 {
        if references == ["-"] { return try stream(context) }
        return try Self.answer(
            ReferenceInput.expand(references, context: context), variant: variant, output: output,
            knowledgeBase: knowledgeBase.open(in: context), context: context)
    }

    /// The references of `harden resolve REF...` with nothing else on the command line, which `HardenCLI` answers
    /// without parsing: swift-argument-parser's parse was two fifths of such a run, most of it the Swift runtime
    /// looking up conformances its reflection asks for. Nil for anything else (an option, `-`, `help`, an empty
    /// word), which is parsed as usual.
    static func plainReferences(_ arguments: [String]) -> [String]? {
        guard arguments.count > 1, arguments[0] == configuration.commandName else { return nil }
        let references = Array(arguments.dropFirst())
        let plain = references.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && $0 != "help" }
        return plain ? references : nil
    }

    /// Resolves `inputs` and writes the answers: one JSON or YAML object for one reference, an array for several.
    static func answer(
        _ inputs: [String], variant: String?, output: DetailFormat, knowledgeBase: KnowledgeBase,
        context: CommandContext
    ) throws -> Int32 {
        let resolver = Resolver(knowledgeBase: knowledgeBase)
        var resolutions: [Resolution] = []
        var status = ExitStatus.success
        for input in inputs {
            do {
                let resolution = try resolver.resolve(input, variant: variant)
                if resolution.match == nil { status = max(status, ExitStatus.notFound) }
                resolutions.append(resolution)
            } catch let error as ReferenceError {
                context.standardError.line("harden: \(error)")
                status = ExitStatus.invalidInput
            }
        }
        switch output {
        case .text:
            context.standardOutput.write(resolutions.map { ResolutionText.render($0) + "\n" }.joined(separator: "\n"))
        case .json where inputs.count == 1:
            if let only = resolutions.first { context.standardOutput.line(try StructuredOutput.json(only)) }
        case .json: context.standardOutput.line(try StructuredOutput.json(resolutions))
        case .yaml where inputs.count == 1:
            if let only = resolutions.first { context.standardOutput.write(try StructuredOutput.yaml(only)) }
        case .yaml: context.standardOutput.write(try StructuredOutput.yaml(resolutions))
        }
        return status
    }

    /// `harden resolve -`: one reference read, resolved and written at a time, so memory stays flat for any
    /// number of references. JSON is still one array, written as it goes; YAML one sequence.
    private func stream(_ context: CommandContext) throws -> Int32 {
        let resolver = Resolver(knowledgeBase: try knowledgeBase.open(in: context))
        var status = ExitStatus.success
        var count = 0
        while let line = context.readStandardInputLine() {
            let input = line.trimmingCharacters(in: ReferenceInput.blanks)
            guard !input.isEmpty && !input.hasPrefix("#") else { continue }
            let resolution: Resolution
            do {
                resolution = try resolver.resolve(input, variant: variant)
            } catch let error as ReferenceError {
                context.standardError.line("harden: \(error)")
                status = ExitStatus.invalidInput
                continue
            }
            if resolution.match == nil { status = max(status, ExitStatus.notFound) }
            switch output {
            case .text:
                context.standardOutput.write((count == 0 ? "" : "\n") + ResolutionText.render(resolution) + "\n")
            case .json:
                context.standardOutput.write((count == 0 ? "[\n" : ",\n") + (try StructuredOutput.json(resolution)))
            case .yaml:
                let item = try StructuredOutput.yaml(resolution).split(separator: "\n").enumerated().map {
                    ($0.offset == 0 ? "- " : "  ") + $0.element
                }
                context.standardOutput.write(item.joined(separator: "\n") + "\n")
            }
            count += 1
        }
        if output == .json { context.standardOutput.write(count == 0 ? "[]\n" : "\n]\n") }
        guard count > 0 || status != ExitStatus.success else { throw ReferenceInput.EmptyInput() }
        return status
    }
}
