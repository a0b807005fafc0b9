import ArgumentParser
import HardenCore

/// `--infer-image REF=SOURCE` and `--infer` for audit and fix: profiles inferred from images the knowledge base does
/// not know, so that the image-aware rules (writable paths, hidden content, users, ports) check them too.
struct InferredImageOptions: ParsableArguments {
    @Option(
        name: .customLong("infer-image"),
        help: ArgumentHelp(
            "Infer the profile of REF (not in the knowledge base) from an image: oci:DIR, oci-archive:FILE, docker-archive:FILE or registry:REF (repeatable).",
            valueName: "REF=SOURCE"))
    var images: [String] = []

    @Flag(
        help:
            "Pull each image the knowledge base does not know (and no --infer-image names) from its registry, and infer its profile."
    )
    var infer = false

    @OptionGroup var insecureRegistries: InsecureRegistryOptions

    func validate() throws {
        if !insecureRegistries.hosts.isEmpty && !infer
            && !images.contains(where: { Self.split($0)?.1.hasPrefix("registry:") == true })
        {
            throw ValidationError("--insecure-registry applies to --infer or --infer-image REF=registry:REF")
        }
        for pair in images where Self.split(pair) == nil {
            throw ValidationError(
                "--infer-image \(Quoted.brief(pair, limit: 60)) must be REF=SOURCE, e.g. registry.example.com/team/api:1.4=oci-archive:api.tar"
            )
        }
    }

    /// Reads and infers every named image, saying on stderr what each gives; with `--infer`, the others as the audit
    /// meets them.
    func load(in context: CommandContext) throws -> InferredImages {
        let registry = InferCommand.registryAccess(insecure: insecureRegistries.hosts, context: context)
        var entries: [InferredImages.Entry] = []
        for pair in images {
            guard let (reference, source) = Self.split(pair) else { continue }
            entries.append(
                try Self.inferred(
                    try ImageReference.parse(reference), from: source, registry: registry, context: context))
        }
        guard infer else { return InferredImages(entries: entries) }
        let standardError = context.standardError
        let pull = ImagePull { reference in
            do {
                return try Self.inferred(
                    reference, from: "registry:\(reference.description)", registry: registry, context: context)
            } catch {
                // Not fatal: the image stays unknown, and the audit's unknown-image finding says so too.
                standardError.line(
                    "harden: warning: \(reference.description) is not in the knowledge base and was not inferred: \(error)"
                )
                return nil
            }
        }
        return InferredImages(entries: entries, pull: pull)
    }

    private static func inferred(
        _ reference: ImageReference, from source: String, registry: RegistryAccess, context: CommandContext
    ) throws -> InferredImages.Entry {
        let image = try ImageReader(registry: registry).read(try ImageSource.parse(source))
        let inferred = ImageInference().infer(image, source: source)
        context.standardError.line(
            "# \(reference.repository): inferred from \(source) (not curated): uid \(inferred.profile.runAsUser.map(String.init) ?? "unresolved"), writable \(inferred.profile.writablePaths.map(\.path).joined(separator: ", "))"
        )
        return InferredImages.Entry(reference: reference, facts: inferred.facts, source: source)
    }

    /// `REF=SOURCE`, split at the first `=` followed by an image source.
    static func split(_ pair: String) -> (String, String)? {
        guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else { return nil }
        let source = String(pair[pair.index(after: equals)...])
        guard ImageSource.looksLikeSource(source) else { return nil }
        return (String(pair[..<equals]), source)
    }
}
