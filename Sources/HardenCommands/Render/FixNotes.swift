import Dispatch
import HardenCore

/// What `fix` says about each file on stderr, `# FILE: what changed` a line: every change, every withheld migration
/// and the formatting note. A tree's fix says tens of thousands of them, so the files' notes are written on every
/// core and handed back in the files' order.
enum FixNotes {
    /// One text per file, empty for a file fix left alone.
    static func render(_ files: [FixedFile]) -> [String] {
        let texts = ConcurrentResults<String>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            texts.set(index, text(files[index]))
        }
        return texts.values
    }

    private static func text(_ fixed: FixedFile) -> String {
        let notes =
            fixed.changes.map(\.description) + fixed.migrations.map(\.description)
            + [fixed.formatting].compactMap { $0 }
        guard !notes.isEmpty else { return "" }
        let file = Quoted.escaped(fixed.file)
        return notes.map { "# \(file): \(Quoted.escaped($0))\n" }.joined()
    }
}
