/// A seed file as written, before its common facts are merged into each variant.
///
/// Validation works on the draft so that a problem is reported once, at the field where it was written.
struct SeedDraft: Sendable {
    /// A set of facts: the `common` block, or one variant's own.
    struct Facts: Sendable {
        var user: NonRootUser?
        var writablePaths: [WritablePath] = []
        var protectedPaths: [ProtectedPath] = []
        var ports: [Port] = []
        var capabilities: [Capability] = []
        var environment: [EnvironmentVariable] = []
        var requiredEnvironment: [RequiredVariable] = []
        var pitfalls: [Pitfall] = []

        /// Every source id these facts cite.
        var citedSourceIDs: [String] {
            var ids: [String] = user?.sources ?? []
            ids += writablePaths.flatMap(\.sources)
            ids += protectedPaths.flatMap(\.sources)
            ids += ports.flatMap(\.sources)
            ids += capabilities.flatMap(\.sources)
            ids += environment.flatMap(\.sources)
            ids += requiredEnvironment.flatMap(\.sources)
            ids += pitfalls.flatMap(\.sources)
            return ids
        }
    }

    struct VariantDraft: Sendable {
        var name: String
        var description: String?
        var isDefault: Bool
        var tags: [String]
        var versions: String?
        var priority: Int
        /// Sources for the tag scheme (which tags the variant covers).
        var sources: [String]
        var facts: Facts
    }

    /// The path of the file relative to its layer directory, as shown in messages.
    var file: String
    var layer: String
    var repository: String
    /// Replaces the entry of an earlier layer on purpose (a team's correction of a shipped entry).
    var override: Bool
    var description: String
    var homepage: String?
    var aliases: [Alias]
    var sources: [Source]
    var common: Facts
    var variants: [VariantDraft]
    /// Field path -> line, for locating validation problems.
    var lines: [String: Int]

    /// The entry with `common` merged into every variant. Call only on a draft that validated cleanly.
    func entry() -> ImageEntry {
        let variants = variants.map { draft -> Variant in
            let own = draft.facts
            let user = own.user ?? common.user ?? NonRootUser(shipped: "root", uid: 65534, gid: 65534, sources: [])
            return Variant(
                name: draft.name, description: draft.description, isDefault: draft.isDefault, tagPatterns: draft.tags,
                versionRange: draft.versions.flatMap(VersionRange.init), priority: draft.priority, user: user,
                writablePaths: common.writablePaths + own.writablePaths,
                protectedPaths: common.protectedPaths + own.protectedPaths, ports: common.ports + own.ports,
                capabilities: common.capabilities + own.capabilities, environment: common.environment + own.environment,
                requiredEnvironment: common.requiredEnvironment + own.requiredEnvironment,
                pitfalls: common.pitfalls + own.pitfalls)
        }
        return ImageEntry(
            repository: repository, description: description, homepage: homepage, aliases: aliases, sources: sources,
            variants: variants, seedFile: file, layer: layer)
    }
}
