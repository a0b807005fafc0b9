import ArgumentParser
import Foundation
import HardenCore

/// `harden infer Dockerfile` or `harden infer oci:DIR`: the profile a Dockerfile or an image implies, every fact
/// with its evidence.
struct InferCommand: HardenCommand {
    static let configuration = CommandConfiguration(
        commandName: "infer",
        abstract:
            "Infer a profile (user, writable and protected paths, ports) from a Dockerfile or an image, with evidence.",
        discussion: """
            Reads the final stage (or --target), follows FROM through earlier stages and ARGs to the base image, and
            starts from the base's knowledge-base entry when it has one. The JSON has the shape of `harden resolve`'s
            profile, with match.via "inferred" and an evidence list (`Dockerfile:14: RUN useradd -r -u 10001 app`).
            Inferred facts are not curated: review them (`harden entries new IMAGE --from-file Dockerfile`).

            An image is read without extracting anything, from oci:DIR[:TAG] (an OCI layout), oci-archive:FILE[:TAG]
            or docker-archive:FILE[:REF] (`podman save` / `docker save`): its config (User, ExposedPorts, Volumes,
            Env, WorkingDir), its /etc/passwd and /etc/group, the directories owned by its user or world-writable,
            and what its entrypoint script writes. Layer digests are verified. When the image's name is in the
            knowledge base, the curated entry wins and the disagreements are printed on stderr.

            registry:REF (or a plain REF with --pull) pulls the image from its registry over the OCI distribution
            API, streamed into the same reader: nothing is written to disk. Credentials come from
            $REGISTRY_AUTH_FILE or ~/.docker/config.json; HTTPS always, plain HTTP only to the hosts named with
            --insecure-registry. A pull that takes more than a second prints one line per layer on stderr.
            """
    )

    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    @Option(help: ArgumentHelp("The stage to infer (default: the last).", valueName: "stage"))
    var target: String?

    @Option(name: .customLong("build-arg"), help: ArgumentHelp("A build argument (repeatable).", valueName: "K=V"))
    var buildArguments: [String] = []

    @Option(name: .shortAndLong, help: "Output format.")
    var output: DetailFormat = .text

    @Option(help: ArgumentHelp("The platform to pick from a multi-platform image.", valueName: "os/arch"))
    var platform = "linux/amd64"

    @Flag(help: "Read a plain image reference from its registry, as registry:REF (never done unless asked).")
    var pull = false

    @OptionGroup var insecureRegistries: InsecureRegistryOptions

    @Argument(
        help: ArgumentHelp(
            "The Dockerfile (or - for standard input), or an image: oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:REF], registry:REF.",
            valueName: "dockerfile|image"))
    var dockerfile: String

    func validate() throws {
        if pull && ImageSource.looksLikeSource(dockerfile) {
            throw ValidationError("--pull reads a plain image reference; \(dockerfile) already names its source")
        }
        if !insecureRegistries.hosts.isEmpty && !pull && !dockerfile.hasPrefix("registry:") {
            throw ValidationError("--insecure-registry applies to registry:REF or --pull")
        }
    }

    func run(in context: CommandContext) throws -> Int32 {
        let source = pull ? "registry:" + dockerfile : dockerfile
        let registry = Self.registryAccess(insecure: insecureRegistries.hosts, context: context)
        let inferred =
            ImageSource.looksLikeSource(source)
            ? try Self.readAndInferImage(
                source, platform: platform, registry: registry, knowledgeBase: knowledgeBase, context: context
            ).inferred
            : try Self.infer(
                dockerfile, target: target, buildArguments: buildArguments, knowledgeBase: knowledgeBase,
                context: context)
        switch output {
        case .json: context.standardOutput.line(try StructuredOutput.json(inferred))
        case .yaml: context.standardOutput.write(try StructuredOutput.yaml(inferred))
        case .text: context.standardOutput.write(InferenceText.render(inferred))
        }
        return ExitStatus.success
    }

    /// How this command reaches registries: plain HTTP only to `insecure` hosts, credentials through the
    /// environment, progress on stderr.
    static func registryAccess(insecure: [String] = [], context: CommandContext) -> RegistryAccess {
        let standardError = context.standardError
        return RegistryAccess(
            insecureRegistries: Set(insecure), environment: context.environment,
            progress: { standardError.line("# \($0)") })
    }

    /// Reads and infers an image: the inference and the name the image carries in its source (a tag or RepoTag),
    /// if any. When that name is in the knowledge base the curated entry wins: the inference is marked with that
    /// entry, and where it disagrees is said on stderr.
    static func readAndInferImage(
        _ text: String, platform: String, registry: RegistryAccess, knowledgeBase: KnowledgeBaseOptions,
        context: CommandContext
    ) throws -> (inferred: InferredProfile, name: String?) {
        let source = try ImageSource.parse(text)
        let parts = platform.split(separator: "/").map(String.init)
        guard parts.count == 2 else {
            throw ValidationError("--platform \(Quoted.brief(platform, limit: 40)) must be os/arch")
        }
        let image = try ImageReader(platform: (parts[0], parts[1]), registry: registry).read(source)
        var inferred = ImageInference().infer(image, source: source.description)
        // A tag alone (an OCI layout's ref name) is no reference to look up.
        guard let name = image.name, name.contains("/") || name.contains(":"),
            case .success = Result(catching: { try ImageReference.parse(name) })
        else { return (inferred, image.name) }
        let resolution = try Resolver(knowledgeBase: try knowledgeBase.open(in: context)).resolve(name)
        guard let match = resolution.match, let curated = resolution.facts else { return (inferred, name) }
        inferred.match.baseImage = match.image
        inferred.match.baseVariant = match.variant
        for disagreement in inferred.disagreements(with: curated) {
            context.standardError.line("# \(match.image) (knowledge base) disagrees with the image: \(disagreement)")
        }
        return (inferred, name)
    }

    /// Reads and infers a Dockerfile; shared with `generate --dockerfile`.
    static func infer(
        _ path: String, target: String?, buildArguments: [String], knowledgeBase: KnowledgeBaseOptions,
        context: CommandContext
    ) throws -> InferredProfile {
        var arguments: [String: String] = [:]
        for argument in buildArguments {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                throw InferError.invalidBuildArgument(argument)
            }
            arguments[String(argument[..<equals])] = String(argument[argument.index(after: equals)...])
        }
        let text = try InputText.read(path, limit: DockerfileInference.maxBytes, context: context)
        let inference = DockerfileInference(resolver: Resolver(knowledgeBase: try knowledgeBase.open(in: context)))
        return try inference.infer(
            text, file: path == "-" ? "Dockerfile" : (path as NSString).lastPathComponent, target: target,
            buildArguments: arguments)
    }
}

/// The human-readable inference.
enum InferenceText {
    static func render(_ inferred: InferredProfile) -> String {
        let profile = inferred.profile
        var lines = [
            (ImageSource.looksLikeSource(inferred.match.base)
                ? "inferred from the image \(inferred.match.base) (not curated)"
                : "inferred from a Dockerfile (not curated); base \(inferred.match.base)")
                + (inferred.match.baseImage.map {
                    " = knowledge-base entry \($0), variant \(inferred.match.baseVariant ?? "")"
                }
                    ?? " (not in the knowledge base)"),
            "user: \(profile.shippedUser) -> runAsUser \(profile.runAsUser.map(String.init) ?? "unresolved"), runAsGroup \(profile.runAsGroup.map(String.init) ?? "unresolved")",
            "writable: \(profile.writablePaths.map(\.path).joined(separator: ", "))",
            "protected: \(profile.protectedPaths.joined(separator: ", "))",
            "ports: \(profile.ports.map { String($0.port) }.joined(separator: ", "))",
        ]
        for pitfall in profile.pitfalls { lines.append("pitfall: \(pitfall)") }
        lines.append("evidence:")
        for fact in inferred.evidence {
            lines.append("  \(fact.fact) \(fact.value) (\(fact.confidence.rawValue)): \(fact.evidence)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
