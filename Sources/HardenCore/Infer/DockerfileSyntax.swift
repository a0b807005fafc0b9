/// A Dockerfile read the way BuildKit reads it: parser directives (`# escape=`), comments, line continuations
/// with the escape character, and heredocs (`RUN <<EOF ... EOF`), as instructions with their line numbers.
/// Bounded: the input size is capped and everything is one linear pass.
struct DockerfileSyntax {
    struct Instruction: Equatable {
        /// The upper-cased keyword: FROM, RUN, USER...
        var keyword: String
        /// Everything after the keyword, continuation lines joined with a space.
        var arguments: String
        /// The heredoc bodies, in order (`RUN <<EOF` ... `EOF`).
        var heredocs: [String]
        /// The 1-based line of the keyword.
        var line: Int
        /// The instruction as written (first line), for evidence.
        var text: String
    }

    /// A Dockerfile larger than this is refused: real ones are a few kilobytes.
    static let maxBytes = 1 << 20

    let instructions: [Instruction]

    init(_ text: String) throws(InferError) {
        guard text.utf8.count <= Self.maxBytes else { throw .tooLarge(bytes: text.utf8.count, limit: Self.maxBytes) }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        var escape: Character = "\\"
        var index = 0
        // Parser directives: `# key=value` lines before anything else.
        while index < lines.count, let directive = Self.directive(lines[index]) {
            if directive.key == "escape", let character = directive.value.first, directive.value.count == 1 {
                escape = character
            }
            index += 1
        }
        var instructions: [Instruction] = []
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty || trimmed.hasPrefix("#") {
                index += 1
                continue
            }
            let start = index
            var logical = ""
            var current = String(trimmed)
            while true {
                let stripped = current.reversed().drop(while: { $0 == " " || $0 == "\t" })
                if stripped.first == escape {
                    logical += String(String(stripped.dropFirst()).reversed()) + " "
                    index += 1
                    // Comment and empty lines inside a continuation are skipped, as BuildKit does.
                    while index < lines.count {
                        let next = lines[index].drop(while: { $0 == " " || $0 == "\t" })
                        if next.hasPrefix("#") || next.isEmpty { index += 1 } else { break }
                    }
                    guard index < lines.count else { break }
                    current = lines[index]
                } else {
                    logical += current
                    index += 1
                    break
                }
            }
            let parts = logical.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard let keyword = parts.first else { continue }
            let arguments = parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : ""
            var heredocs: [String] = []
            for marker in Self.heredocMarkers(in: arguments) {
                var body: [String] = []
                var closed = false
                while index < lines.count {
                    let bodyLine = lines[index]
                    index += 1
                    let candidate = marker.stripTabs ? String(bodyLine.drop(while: { $0 == "\t" })) : bodyLine
                    if candidate == marker.word {
                        closed = true
                        break
                    }
                    body.append(candidate)
                }
                guard closed else { throw .unterminatedHeredoc(word: marker.word, line: start + 1) }
                heredocs.append(body.joined(separator: "\n"))
            }
            instructions.append(
                Instruction(
                    keyword: keyword.uppercased(), arguments: arguments, heredocs: heredocs, line: start + 1,
                    text: String(lines[start].trimmingCharacters(in: .whitespaces))))
        }
        self.instructions = instructions
    }

    private static func directive(_ line: String) -> (key: String, value: String)? {
        guard line.hasPrefix("#") else { return nil }
        let body = line.dropFirst().trimmingCharacters(in: .whitespaces)
        let parts = body.split(separator: "=", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let key = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
        guard ["escape", "syntax", "check"].contains(key) else { return nil }
        return (key, parts[1].trimmingCharacters(in: .whitespaces))
    }

    struct HeredocMarker {
        var word: String
        var stripTabs: Bool
    }

    /// `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` in an instruction's arguments, in order.
    static func heredocMarkers(in arguments: String) -> [HeredocMarker] {
        var markers: [HeredocMarker] = []
        var rest = Substring(arguments)
        while let range = rest.range(of: "<<") {
            var after = rest[range.upperBound...]
            let stripTabs = after.hasPrefix("-")
            if stripTabs { after = after.dropFirst() }
            let quote = after.first.flatMap { $0 == "\"" || $0 == "'" ? $0 : nil }
            if quote != nil { after = after.dropFirst() }
            let word = after.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" })
            rest = after[word.endIndex...]
            if let quote, rest.first == quote { rest = rest.dropFirst() }
            if !word.isEmpty { markers.append(HeredocMarker(word: String(word), stripTabs: stripTabs)) }
        }
        return markers
    }
}
