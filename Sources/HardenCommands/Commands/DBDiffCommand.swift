import ArgumentParser
import Foundation
import HardenCore

/// `harden db diff OLD NEW`: what a contribution changes, entry by entry.
struct DBDiffCommand: HardenCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two knowledge bases (database files or seed directories).",
        discussion: "Exit code: 0 whether or not anything changed; 3 or 4 when an input cannot be read."
    )

    @Option(name: .shortAndLong, help: "Output format.")
    var output: DetailFormat = .text

    @Argument(help: ArgumentHelp("The old knowledge base: a .sqlite file or a seed directory.", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The new knowledge base: a .sqlite file or a seed directory.", valueName: "new"))
    var new: String

    func run(in context: CommandContext) throws -> Int32 {
        let diff = KnowledgeBaseDiff(old: try Self.entries(at: old), new: try Self.entries(at: new))
        switch output {
        case .json: context.standardOutput.line(try StructuredOutput.json(diff))
        case .yaml: context.standardOutput.write(try StructuredOutput.yaml(diff))
        case .text:
            for change in diff.changes {
                let mark = ["added": "+", "removed": "-", "changed": "~"][change.kind.rawValue] ?? "~"
                context.standardOutput.line("\(mark) \(change.repository)")
                for detail in change.details { context.standardOutput.line("    \(detail)") }
            }
            context.standardError.line("\(diff.changes.count) entries changed")
        }
        return ExitStatus.success
    }

    /// Entries from a database file, or from a seed directory validated on the fly.
    static func entries(at path: String) throws -> [ImageEntry] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            let catalog = SeedCatalog.load([try SeedLayer.read(directory: path)])
            guard catalog.errors.isEmpty else { throw SeedError.invalid(catalog.errors) }
            return catalog.entries
        }
        return try KnowledgeBase(path: path).allEntries()
    }
}
