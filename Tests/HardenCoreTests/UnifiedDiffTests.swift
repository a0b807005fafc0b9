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
            Self.expectReproduces(oldText, newText)
        }
    }

    /// The same with lines that are mostly unique (as a manifest's are), so that the texts are cut at them first,
    /// and with non-ASCII text and "\r\n" endings.
    @Test(arguments: [("line", "\n"), ("ligne é ☃", "\r\n")])
    func hunksReproduceTextsOfMostlyUniqueLines(word: String, newline: String) {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let old = (0..<Int(generator.next() % 120)).map { _ in "\(word) \(generator.next() % 300)" }
            var new = old
            for _ in 0..<Int(generator.next() % 12) {
                let position = new.isEmpty ? 0 : Int(generator.next() % UInt64(new.count))
                switch generator.next() % 3 {
                case 0 where !new.isEmpty: new.remove(at: position)
                case 1 where !new.isEmpty: new.swapAt(position, Int(generator.next() % UInt64(new.count)))
                default: new.insert("\(word) \(generator.next() % 300)", at: position)
                }
            }
            Self.expectReproduces(
                old.map { $0 + newline }.joined(), new.map { $0 + newline }.joined(), context: 3)
        }
    }

    /// A fixed manifest: thousands of objects, each with lines added and one changed. The diff holds exactly those
    /// lines (the objects' unique lines anchor it), where a whole-text Myers search took minutes and gigabytes.
    @Test func aLargeManifestWithChangesInEveryObjectGetsTheShortestDiff() {
        let objects = 3_000
        var old = ""
        var new = ""
        for index in 0..<objects {
            let head = "---\nkind: Deployment\nmetadata: {name: app-\(index)}\nspec:\n  containers:\n  - name: web\n"
            old += head + "    securityContext: {privileged: true}\n    image: nginx\n"
            new +=
                head + "    securityContext: {runAsNonRoot: true}\n    image: nginx\n    volumeMounts:\n"
                + "    - {name: tmp, mountPath: /tmp}\n"
        }
        let diff = Self.expectReproduces(old, new, context: 3)
        let lines = diff.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("-") && !$0.hasPrefix("---") }.count == objects)
        #expect(lines.filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }.count == objects * 3)
    }

    /// Texts with no unique line whose shortest diff costs more edits than one region may: written as removed and
    /// added whole (a full search would keep every "x" line as context), and still a correct diff.
    @Test func regionsPastTheCostLimitAreReplacedWhole() {
        let pairs = UnifiedDiff.maximumCost
        let old = String(repeating: "x\ny\n", count: pairs)
        let new = String(repeating: "x\nz\n", count: pairs)
        let diff = Self.expectReproduces(old, new, context: 3)
        // The first "x" is kept; every other line of each text is removed or added.
        #expect(diff.split(separator: "\n").count == 3 + 1 + 2 * (2 * pairs - 1))
    }

    /// Checks that the diff of `old` and `new` gives back both, and returns it.
    @discardableResult
    static func expectReproduces(
        _ old: String, _ new: String, context: Int = 1_000, sourceLocation: SourceLocation = #_sourceLocation
    ) -> String {
        let diff = UnifiedDiff.make(from: old, to: new, oldName: "a", newName: "b", context: context)
        guard !diff.isEmpty else {
            #expect(old == new, sourceLocation: sourceLocation)
            return diff
        }
        var (oldText, newText) = ("", "")
        var hunk: [Substring] = []
        // Lines between hunks are the same in both texts; with less context than the texts, rebuild them from `old`.
        let oldLines = Self.lines(old)
        var oldLine = 0
        func flush() {
            oldText += Self.apply(hunk[...], skipping: "+")
            newText += Self.apply(hunk[...], skipping: "-")
            hunk = []
        }
        for line in Self.lines(diff).dropFirst(2).dropLast() {
            guard line.hasPrefix("@@ -") else {
                hunk.append(line)
                continue
            }
            flush()
            let start = Int(line.dropFirst(4).prefix { $0 != "," && $0 != " " }) ?? 1
            let unchanged = oldLines[oldLine..<max(oldLine, start - 1)].map { $0 + "\n" }.joined()
            oldText += unchanged
            newText += unchanged
            let counts = line.split(separator: " ")[1].split(separator: ",")
            oldLine = max(oldLine, start - 1) + (counts.count > 1 ? Int(counts[1]) ?? 0 : 1)
        }
        flush()
        let rest = oldLines.count > oldLine ? oldLines[oldLine...].joined(separator: "\n") : ""
        oldText += rest
        newText += rest
        #expect(oldText == old, "\(diff)", sourceLocation: sourceLocation)
        #expect(newText == new, "\(diff)", sourceLocation: sourceLocation)
        return diff
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

    /// A text's lines, cut at "\n" only (a String's `split` would keep "\r\n", one Character, together).
    static func lines(_ text: String) -> [Substring] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { Substring($0) }
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
