import ArgumentParser
import HardenCore

/// `--db FILE`: which knowledge base to read (also `HARDEN_DB`); the built-in one by default.
struct KnowledgeBaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The knowledge base file to read (default: $HARDEN_DB, else the one built into harden).",
            valueName: "file"))
    var db: String?

    /// Opens the chosen knowledge base read-only.
    func open(in context: CommandContext) throws -> KnowledgeBase {
        if let path = db ?? context.environment["HARDEN_DB"].flatMap({ $0.isEmpty ? nil : $0 }) {
            return try KnowledgeBase(path: path)
        }
        return try DefaultKnowledgeBase.open(environment: context.environment)
    }
}
