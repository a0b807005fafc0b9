import HardenCore
import Testing

@Suite("Unified diff")
struct UnifiedDiffTests {
    /// Applying the diff's lines in order gives back both texts: "-" and " " lines are the old one, "+" and " " the
    /// new one.
    @Test func hunksReproduceBothTexts() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<200 {
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
            let diff = UnifiedDiff.make(
                from: old.joined(separator: "\n"), to: new.joined(separator: "\n"), oldName: "a", newName: "b",
                context: 1_000)
            guard !diff.isEmpty else {
                #expect(old == new)
                continue
            }
            let body = diff.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3).dropLast()
            let oldLines = body.filter { !$0.hasPrefix("+") }.map { String($0.dropFirst()) }
            let newLines = body.filter { !$0.hasPrefix("-") }.map { String($0.dropFirst()) }
            #expect(oldLines.joined(separator: "\n") == old.joined(separator: "\n"))
            #expect(newLines.joined(separator: "\n") == new.joined(separator: "\n"))
        }
    }

    @Test func equalTextsHaveNoDiff() {
        #expect(UnifiedDiff.make(from: "a\nb\n", to: "a\nb\n", oldName: "a", newName: "b").isEmpty)
    }
}
