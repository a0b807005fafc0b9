import Foundation
import Yams

/// The entry's seed file with the writable paths `harden verify --learn` found added to the verified variant, and a
/// source that says how they were found: an overlay to review and add with --seed-dir. The file is edited in place,
/// so its comments and layout stay.
enum LearnedSeed {
    static func render(
        _ seed: String, resolution: Resolution, learned: [(path: String, evidence: String)],
        engine: ContainerEngine.Kind
    ) throws(VerifyError) -> String? {
        guard !learned.isEmpty, let variantName = resolution.match?.variant else { return nil }
        let original: [Node]
        do {
            original = try SafeYAML.documents(seed, limits: .seedFile)
        } catch {
            throw .environment("cannot read the entry's seed file to add what was learned: \(error)")
        }
        guard original.count == 1 else {
            throw .environment("the entry's seed file holds \(original.count) documents, not one")
        }
        var document = original[0]
        let sourceID = "verify"
        let day = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withFullDate])
        document.editSequence("sources") { sources in
            guard !sources.contains(where: { $0["id"]?.string == sourceID }) else { return }
            sources.append(
                Node([
                    (.plain("id"), .plain(sourceID)), (.plain("url"), .quoted("repo:harden-verify")),
                    (.plain("confidence"), .plain("medium")),
                    (
                        .plain("note"),
                        .quoted(
                            "seen failing with a read-only root in `harden verify \(resolution.input) --learn` (\(engine.rawValue), \(day))"
                        )
                    ),
                ]))
        }
        document.editSequence("variants") { variants in
            guard let index = variants.firstIndex(where: { $0["name"]?.string == variantName }) else { return }
            variants[index].editSequence("writablePaths") { paths in
                for fact in learned {
                    paths.append(
                        Node([
                            (.plain("path"), .plain(fact.path)),
                            (
                                .plain("why"),
                                .quoted("learned: the log showed \(Quoted.brief(fact.evidence, limit: 120))")
                            ),
                            (.plain("type"), .plain("directory")), (.plain("data"), .plain("scratch")),
                            (.plain("sources"), Node([.plain(sourceID)], Tag(.seq), .flow)),
                        ]))
                }
            }
        }
        do {
            return try SourceEditor.edit(seed, original: original, changed: [document])
        } catch {
            throw .environment("cannot add the learned paths to the entry's seed file: \(error)")
        }
    }
}
