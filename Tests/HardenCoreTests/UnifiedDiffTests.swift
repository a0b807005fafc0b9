import Foundation
import HardenCore
import HardenTestSupport
import Testing

@Suite("Unified diff")
struct UnifiedDiffTests {
    /// Applying the diff's lines in order gives back both texts: "-" and " " lines are the old one, "+" and " " the
    /// new one, and a "\\ No newline at end of file" marker takes the newline off the line before it.
    @Test func hunksReproduceBothTexts() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<300 {
            let old = (0..<Int(generator.next() % 40)).map { _ in "line \(generator.next() % 8)" }
            var new = old
            for _ in 0..<Int(generator.next() % 5) {
                let position = new.isEmpty ? 0 : Int(generator.next() % UInt64(new.count))
                if generator.next() % 2 == 0 || new.isEmpty {
                    new.insert("added \(generator.next() % 3)", at: position)
                } else {
                    new.remove(at: position)
                }
            }
            let oldText = Self.text(old, ended: generator.next() % 3 != 0)
            let newText = Self.text(new, ended: generator.next() % 3 != 0)
            let diff = UnifiedDiff.make(from: oldText, to: newText, oldName: "a", newName: "b", context: 1_000)
            guard !diff.isEmpty else {
                #expect(oldText == newText)
                continue
            }
            let body = diff.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3).dropLast()
            #expect(Self.apply(body, skipping: "+") == oldText, "\(diff)")
            #expect(Self.apply(body, skipping: "-") == newText, "\(diff)")
        }
    }

    /// A diff of a file that ends in a newline has no line for the newline: `git apply` takes it.
    @Test func aDiffAppliesWithGit() throws {
        let directory = try TemporaryDirectory()
        let old = "kind: Pod\nspec:\n  containers:\n  - name: web\n    image: nginx\n"
        let new = old + "    securityContext:\n      readOnlyRootFilesystem: true\n"
        try old.write(toFile: directory.file("pod.yaml"), atomically: true, encoding: .utf8)
        let diff = UnifiedDiff.make(from: old, to: new, oldName: "a/pod.yaml", newName: "b/pod.yaml")
        #expect(diff.contains("@@ -3,3 +3,5 @@\n"), "\(diff)")
        try diff.write(toFile: directory.file("fix.patch"), atomically: true, encoding: .utf8)
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        git.arguments = ["apply", "--unsafe-paths", "fix.patch"]
        git.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        try git.run()
        git.waitUntilExit()
        #expect(git.terminationStatus == 0)
        #expect(try String(contentsOfFile: directory.file("pod.yaml"), encoding: .utf8) == new)
    }

    static func text(_ lines: [String], ended: Bool) -> String {
        lines.isEmpty ? "" : lines.joined(separator: "\n") + (ended ? "\n" : "")
    }

    /// One side of a diff body: its lines, without those marked `skipping`, the newline taken off where marked.
    static func apply(_ body: ArraySlice<Substring>, skipping: Character) -> String {
        var text = ""
        var previous: Character = " "
        for line in body {
            if line.hasPrefix("\\") {
                if previous != skipping { text.removeLast() }
                continue
            }
            previous = line.first ?? " "
            if previous != skipping { text += line.dropFirst() + "\n" }
        }
        return text
    }

    @Test func equalTextsHaveNoDiff() {
        #expect(UnifiedDiff.make(from: "a\nb\n", to: "a\nb\n", oldName: "a", newName: "b").isEmpty)
    }

    @Test(arguments: [
        ("a/web.yaml", "a/web.yaml"), ("a/we b.yaml", "a/we b.yaml"), ("a/\u{1B}[2K.yaml", #""a/\033[2K.yaml""#),
        ("a/x\ty\n", #""a/x\ty\n""#), (#"a/q"b\c"#, #""a/q\"b\\c""#), ("a/é\u{7F}", #""a/é\177""#),
    ])
    func fileNamesAreQuotedAsGitQuotesThem(name: String, quoted: String) {
        #expect(UnifiedDiff.quotedName(name) == quoted)
    }
}
