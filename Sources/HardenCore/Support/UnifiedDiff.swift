/// A unified diff of two texts (`--- a`, `+++ b`, `@@` hunks with three lines of context), from the edit script of
/// `diff(_:_:)`, whose time and memory stay bounded on large texts with many changes. The output is what `git apply`
/// and `patch -p1` take: a last line without a newline is marked "\\ No newline at end of file", as diff(1) marks it.
public enum UnifiedDiff {
    /// A line without its "\n"; `ended` is false only for a last line the text does not end.
    struct Line: Hashable {
        var text: String
        var ended: Bool
    }

    enum Edit: Equatable {
        case same(Line)
        case removed(Line)
        case added(Line)
    }

    /// Lines split at "\n" only: Swift reads "\r\n" as one Character, so splitting Characters would leave a
    /// Windows file as one line. A "\r" stays part of its line, as in diff(1). The "\n" ending the text ends its
    /// last line; it does not start another. The text is cut at its "\n" bytes (in UTF-8 that byte is never part
    /// of another character) and each line's bytes copied: re-encoding its scalars one by one was a third of the
    /// instructions of a `fix --diff`.
    static func lines(of text: String) -> [Line] {
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
            Line(text: String(Substring($0)), ended: true)
        }
        if lines.last?.text.isEmpty == true {
            lines.removeLast()
        } else if !lines.isEmpty {
            lines[lines.count - 1].ended = false
        }
        return lines
    }

    /// A file name for a `---`/`+++` line, quoted the way git quotes it when it holds a control character, `"` or
    /// `\\` (`"a/x\\033y"`): the diff stays one line per header, prints nothing a terminal would interpret, and
    /// `git apply` and GNU patch read the name back. Other names are returned as they are.
    public static func quotedName(_ name: String) -> String {
        let special: (UInt8) -> Bool = {
            $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\")
        }
        guard name.utf8.contains(where: special) else { return name }
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        let named: [UInt8: UInt8] = [
            0x07: UInt8(ascii: "a"), 0x08: UInt8(ascii: "b"), 0x09: UInt8(ascii: "t"), 0x0A: UInt8(ascii: "n"),
            0x0B: UInt8(ascii: "v"), 0x0C: UInt8(ascii: "f"), 0x0D: UInt8(ascii: "r"),
            UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "\\"): UInt8(ascii: "\\"),
        ]
        for byte in name.utf8 {
            if let letter = named[byte] {
                quoted += [UInt8(ascii: "\\"), letter]
            } else if special(byte) {
                quoted += [UInt8(ascii: "\\")] + [byte >> 6, (byte >> 3) & 7, byte & 7].map { UInt8(ascii: "0") + $0 }
            } else {
                quoted.append(byte)
            }
        }
        quoted.append(UInt8(ascii: "\""))
        return String(decoding: quoted, as: UTF8.self)
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
                    let (mark, line): (String, Line) =
                        switch edit {
                        case .same(let line): (" ", line)
                        case .removed(let line): ("-", line)
                        case .added(let line): ("+", line)
                        }
                    output.append(mark + line.text)
                    if !line.ended { output.append("\\ No newline at end of file") }
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
}
