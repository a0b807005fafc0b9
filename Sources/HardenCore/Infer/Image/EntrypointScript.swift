/// The image's entrypoint when it is a shell script, scanned for what it writes when the container starts
/// (`mkdir -p`, `> file`, `sed -i`, `chown`, `envsubst > file`): on a read-only root filesystem each is a crash
/// unless a volume is there.
struct EntrypointScript {
    struct Write: Equatable {
        /// The path written.
        var target: String
        /// The directory to make writable: the target itself for mkdir, its parent for a file.
        var directory: String?
        var evidence: String
    }

    let path: String
    let writes: [Write]

    /// Nil when the entrypoint is not a script the image holds.
    init?(image: ImageContents) {
        let wanted = ImageFilesystem.Builder.wantedFiles(image.config)
        let programs = wanted.subtracting(["/etc/passwd", "/etc/group"]).sorted()
        guard let path = programs.first(where: { image.filesystem.text($0) != nil }),
            let text = image.filesystem.text(path), text.hasPrefix("#!"),
            text.prefix(120).contains("sh")
        else { return nil }
        self.path = path
        var writes: [Write] = []
        let variables = Dictionary(
            image.config.config.environment.compactMap { entry -> (String, String)? in
                let pair = entry.split(separator: "=", maxSplits: 1).map(String.init)
                return pair.count == 2 ? (pair[0], pair[1]) : nil
            }, uniquingKeysWith: { $1 })
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (number, rawLine) in lines.enumerated() {
            let line = rawLine.trimmingPrefix(while: { $0 == " " || $0 == "\t" })
            guard !line.hasPrefix("#") else { continue }
            let evidence = "\(path):\(number + 1): \(Quoted.brief(line, limit: 80))"
            for (target, isDirectory) in Self.writes(in: String(line)) {
                guard let expanded = Self.expand(target, variables),
                    let normalised = StageState.normalise(expanded, workdir: "/"),
                    !normalised.hasPrefix("/dev/"), !normalised.hasPrefix("/proc/"), normalised != "/dev/null"
                else { continue }
                let directory = isDirectory ? normalised : ContainerPath.parent(of: normalised)
                let write = Write(target: normalised, directory: directory, evidence: evidence)
                if !writes.contains(where: { $0.target == write.target }) { writes.append(write) }
            }
        }
        self.writes = writes
    }

    /// Paths a shell line writes, with whether each is a directory.
    static func writes(in line: String) -> [(String, Bool)] {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ";" }).map {
            String($0).trimmingCharacters(in: ["\"", "'"])
        }
        var found: [(String, Bool)] = []
        for (index, word) in words.enumerated() {
            let next = index + 1 < words.count ? words[index + 1] : ""
            if word == ">" || word == ">>" {
                found.append((next, false))
            } else if (word.hasPrefix(">") || word.hasPrefix(">>")) && word.count > 2 && !word.hasPrefix(">&") {
                found.append((String(word.drop(while: { $0 == ">" })), false))
            }
        }
        guard let command = words.first else { return found }
        let arguments = words.dropFirst().filter { !$0.hasPrefix("-") }
        switch command {
        case "mkdir": found += arguments.map { ($0, true) }
        case "chown", "chmod": found += arguments.dropFirst().map { ($0, true) }
        case "sed" where words.contains(where: { $0.hasPrefix("-i") }): found += arguments.suffix(1).map { ($0, false) }
        default: break
        }
        return found.filter { $0.0.hasPrefix("/") || $0.0.hasPrefix("$") }
    }

    /// `$VAR` and `${VAR}` from the image's environment; nil when a variable is unknown or other syntax is used.
    static func expand(_ word: String, _ variables: [String: String]) -> String? {
        var result = ""
        var rest = Substring(word)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            rest = rest[rest.index(after: dollar)...]
            let braced = rest.hasPrefix("{")
            if braced { rest = rest.dropFirst() }
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            guard !name.isEmpty, let value = variables[String(name)] else { return nil }
            rest = rest.dropFirst(name.count)
            if braced {
                guard rest.hasPrefix("}") else { return nil }
                rest = rest.dropFirst()
            }
            result += value
        }
        result += rest
        return result.hasPrefix("/") && !result.contains(where: { "*?`(){}[]".contains($0) }) ? result : nil
    }
}
