import Foundation
import Yams

/// The entry's seed file with the writable paths `harden verify --learn` found added to the verified variant, and a
/// source that says how they were found: an overlay to review and add with --seed-dir. The file is edited in place,
/// so its comments and layout stay.
enum LearnedSeed {
    static func render(
        _ seed: String, resolution: Resolution, learned: [(path: String, evidence: String)],
        engine: ContainerEngine.Kind
    ) -> String? {
        guard !learned.isEmpty, let variantName = resolution.match?.variant,
            let original = try? SafeYAML.documents(seed, limits: .seedFile), original.count == 1
        else { return nil }
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
        return try? SourceEditor.edit(seed, original: original, changed: [document])
    }
}
