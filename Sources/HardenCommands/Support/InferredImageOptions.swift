import ArgumentParser
import HardenCore

/// `--infer-image REF=SOURCE` for audit and fix: profiles inferred from image files for images the knowledge base
/// does not know, so that the image-aware rules (writable paths, hidden content, users, ports) check them too.
struct InferredImageOptions: ParsableArguments {
    @Option(
        name: .customLong("infer-image"),
        help: ArgumentHelp(
            "Infer the profile of REF (not in the knowledge base) from an image: oci:DIR, oci-archive:FILE, docker-archive:FILE or registry:REF (repeatable).",
            valueName: "REF=SOURCE"))
    var images: [String] = []

    func validate() throws {
        for pair in images where Self.split(pair) == nil {
            throw ValidationError(
                "--infer-image \(Quoted.brief(pair, limit: 60)) must be REF=SOURCE, e.g. registry.example.com/team/api:1.4=oci-archive:api.tar"
            )
        }
    }

    /// Reads and infers every named image, saying on stderr what each gives.
    func load(in context: CommandContext) throws -> InferredImages {
        var entries: [InferredImages.Entry] = []
        for pair in images {
            guard let (reference, source) = Self.split(pair) else { continue }
            let parsed = try ImageReference.parse(reference)
            let image = try ImageReader(registry: InferCommand.registryAccess(context: context))
                .read(try ImageSource.parse(source))
            let inferred = ImageInference().infer(image, source: source)
            let profile = inferred.generatorProfile
            context.standardError.line(
                "# \(parsed.repository): inferred from \(source) (not curated): uid \(inferred.profile.runAsUser.map(String.init) ?? "unresolved"), writable \(profile.writablePaths.map(\.path).joined(separator: ", "))"
            )
            entries.append(InferredImages.Entry(reference: parsed, profile: profile, source: source))
        }
        return InferredImages(entries: entries)
    }

    /// `REF=SOURCE`, split at the first `=` followed by an image source.
    static func split(_ pair: String) -> (String, String)? {
        guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else { return nil }
        let source = String(pair[pair.index(after: equals)...])
        guard ImageSource.looksLikeSource(source) else { return nil }
        return (String(pair[..<equals]), source)
    }
}
