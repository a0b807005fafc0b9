/// A unified diff of two texts (`--- a`, `+++ b`, `@@` hunks with three lines of context), computed with Myers'
/// O(ND) algorithm so that a small change to a large manifest stays cheap.
public enum UnifiedDiff {
    enum Edit: Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// Lines split at "\n" only: Swift reads "\r\n" as one Character, so splitting Characters would leave a
    /// Windows file as one line. A "\r" stays part of its line, as in diff(1).
    static func lines(of text: String) -> [String] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
            String(String.UnicodeScalarView($0))
        }
    }

    /// The diff, or an empty string when the texts are equal.
    public static func make(from old: String, to new: String, oldName: String, newName: String, context: Int = 3)
        -> String
    {
        guard old != new else { return "" }
        let a = lines(of: old)
        let b = lines(of: new)
        let edits = diff(a, b)
        var output = ["--- \(oldName)", "+++ \(newName)"]
        var index = 0
        var oldLine = 1
        var newLine = 1
        while index < edits.count {
            guard case .same = edits[index] else {
                // A hunk: back up `context` lines, then run until `context * 2` unchanged lines in a row.
                let start = max(0, index - context)
                var end = index
                var quiet = 0
                while end < edits.count {
                    if case .same = edits[end] { quiet += 1 } else { quiet = 0 }
                    if quiet > context * 2 { break }
                    end += 1
                }
                end = min(edits.count, end - max(0, quiet - context))
                let before = edits[start..<index].count
                let hunk = edits[start..<end]
                let oldCount = hunk.filter { if case .added = $0 { false } else { true } }.count
                let newCount = hunk.filter { if case .removed = $0 { false } else { true } }.count
                output.append("@@ -\(oldLine - before),\(oldCount) +\(newLine - before),\(newCount) @@")
                for edit in hunk {
                    switch edit {
                    case .same(let line): output.append(" " + line)
                    case .removed(let line): output.append("-" + line)
                    case .added(let line): output.append("+" + line)
                    }
                }
                for edit in edits[index..<end] {
                    switch edit {
                    case .same:
                        oldLine += 1
                        newLine += 1
                    case .removed: oldLine += 1
                    case .added: newLine += 1
                    }
                }
                index = end
                continue
            }
            oldLine += 1
            newLine += 1
            index += 1
        }
        return output.joined(separator: "\n") + "\n"
    }

    /// Myers' shortest edit script.
    static func diff(_ a: [String], _ b: [String]) -> [Edit] {
        let n = a.count
        let m = b.count
        let max = n + m
        var frontier = [Int](repeating: 0, count: 2 * max + 2)
        var trace: [[Int]] = []
        search: for d in 0...max {
            trace.append(frontier)
            for k in stride(from: -d, through: d, by: 2) {
                var x =
                    (k == -d || (k != d && frontier[max + k - 1] < frontier[max + k + 1]))
                    ? frontier[max + k + 1] : frontier[max + k - 1] + 1
                var y = x - k
                while x < n && y < m && a[x] == b[y] {
                    x += 1
                    y += 1
                }
                frontier[max + k] = x
                if x >= n && y >= m { break search }
            }
        }
        var edits: [Edit] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK = (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) ? k + 1 : k - 1
            let previousX = v[max + previousK]
            let previousY = previousX - previousK
            while x > previousX && y > previousY {
                edits.append(.same(a[x - 1]))
                x -= 1
                y -= 1
            }
            if d > 0 {
                if x == previousX { edits.append(.added(b[y - 1])) } else { edits.append(.removed(a[x - 1])) }
            }
            x = previousX
            y = previousY
        }
        return edits.reversed()
    }
}
