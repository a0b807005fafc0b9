/// Dockerfile variable expansion: `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:+alt}`,
/// `${NAME+alt}`, with `\$` as a literal dollar. One pass over the text, so `ARG A=$B` / `ARG B=$A` cannot loop,
/// and an unknown variable expands to nothing, as BuildKit does.
struct BuildVariables {
    private(set) var values: [String: String] = [:]

    subscript(name: String) -> String? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// `keepingUnknown`: a plain reference to a variable not known here stays as written (`$APP_UID`), for a RUN
    /// line, whose shell reads variables the build does not show (the base image's ENV, its own assignments).
    func expand(_ text: String, keepingUnknown: Bool = false) -> String {
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\\", text.index(after: index) < text.endIndex, text[text.index(after: index)] == "$" {
                result.append("$")
                index = text.index(index, offsetBy: 2)
                continue
            }
            guard character == "$" else {
                result.append(character)
                index = text.index(after: index)
                continue
            }
            let next = text.index(after: index)
            guard next < text.endIndex else {
                result.append(character)
                break
            }
            if text[next] == "{", let close = text[next...].firstIndex(of: "}") {
                result += expandBraced(String(text[text.index(after: next)..<close]), keepingUnknown: keepingUnknown)
                index = text.index(after: close)
            } else {
                let name = text[next...].prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" })
                if name.isEmpty {
                    result.append(character)
                    index = next
                } else {
                    result += values[String(name)] ?? (keepingUnknown ? "$\(name)" : "")
                    index = name.endIndex
                }
            }
        }
        return result
    }

    private func expandBraced(_ body: String, keepingUnknown: Bool) -> String {
        let name = body.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" })
        let rest = body[name.endIndex...]
        let value = values[String(name)]
        if rest.hasPrefix(":-") { return (value?.isEmpty ?? true) ? expand(String(rest.dropFirst(2))) : value ?? "" }
        if rest.hasPrefix("-") { return value ?? expand(String(rest.dropFirst())) }
        if rest.hasPrefix(":+") { return (value?.isEmpty ?? true) ? "" : expand(String(rest.dropFirst(2))) }
        if rest.hasPrefix("+") { return value == nil ? "" : expand(String(rest.dropFirst())) }
        return value ?? (keepingUnknown && rest.isEmpty ? "${\(body)}" : "")
    }

    /// `A=1 B="two words"` (or the legacy `A 1`), values expanded with the variables known so far.
    func assignments(_ arguments: String) -> [(name: String, value: String?)] {
        let words = ShellWords.split(arguments)
        if words.count == 2, !words[0].contains("=") && !arguments.contains("=") {
            return [(words[0], expand(words[1]))]
        }
        if let first = words.first, !first.contains("="), !arguments.contains("=") {
            return [(first, nil)]
        }
        return words.map { word in
            guard let equals = word.firstIndex(of: "=") else { return (word, nil) }
            return (String(word[..<equals]), expand(String(word[word.index(after: equals)...])))
        }
    }
}

/// POSIX-ish word splitting with quotes, enough to read the commands of RUN lines and instruction arguments.
enum ShellWords {
    static func split(_ text: some StringProtocol) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped {
                // Inside double quotes a backslash escapes only \ " $ and `; before anything else it stays.
                if quote == "\"" && !"\\\"$`".contains(character) { current.append("\\") }
                current.append(character)
                escaped = false
                continue
            }
            if let open = quote {
                if character == open {
                    quote = nil
                } else if open == "\"" && character == "\\" {
                    escaped = true
                } else {
                    current.append(character)
                }
                continue
            }
            switch character {
            case "\\":
                escaped = true
                inWord = true
            case "\"", "'":
                quote = character
                inWord = true
            case " ", "\t", "\n":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            default:
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// The simple commands of a shell script: split on `&&`, `||`, `;`, `|` and newlines (a comment ends at the
    /// line's end). Good enough to find useradd, chown and mkdir; not a shell.
    static func commands(_ script: String) -> [[String]] {
        var commands: [[String]] = []
        for line in script.split(whereSeparator: \.isNewline) {
            let code = line.drop(while: { $0 == " " || $0 == "\t" })
            guard !code.hasPrefix("#") else { continue }
            var current: [String] = []
            for word in split(code) {
                if ["&&", "||", ";", "|", "&"].contains(word) {
                    if !current.isEmpty { commands.append(current) }
                    current = []
                } else if word.hasSuffix(";") && word.count > 1 {
                    current.append(String(word.dropLast()))
                    commands.append(current)
                    current = []
                } else {
                    current.append(word)
                }
            }
            if !current.isEmpty { commands.append(current) }
        }
        return commands
    }
}
