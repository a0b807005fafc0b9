/// The shipped seed files, as reviewed text, for a team to start an override from.
public enum ShippedSeed {
    /// The canonical repository of the shipped entry a reference names (by its canonical name or an alias).
    public static func repository(for reference: ImageReference) -> String? {
        let key = reference.lookupKey
        for entry in SeedCatalog.load([.shipped]).entries
        where entry.repository == key || entry.aliases.contains(where: { $0.repository == key }) {
            return entry.repository
        }
        return nil
    }

    /// The entry's seed file with `override: true` added after its `repository:` line.
    public static func overrideText(for reference: ImageReference) -> String? {
        guard let repository = repository(for: reference), let file = SeedLayer.shipped.file(for: repository) else {
            return nil
        }
        var lines = file.contents.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let index = lines.firstIndex(where: { $0.hasPrefix("repository:") }) else { return nil }
        lines.insert(
            "override: true  # replaces the shipped entry; every override is reported at build time", at: index + 1)
        lines.insert("# Copied from harden's shipped entry (\(file.path)) as the start of a team override.", at: 0)
        return lines.joined(separator: "\n")
    }
}
