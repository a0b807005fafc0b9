import Foundation

/// One manifest file's text, or a problem reading it.
public struct ManifestInput: Sendable {
    public var file: String
    public var text: String

    public init(file: String, text: String) {
        self.file = file
        self.text = text
    }

    /// What reading found: the manifests, what could not be read, and what was skipped on purpose.
    public struct Reading: Sendable {
        public var inputs: [ManifestInput] = []
        public var problems: [InputProblem] = []
        public var skipped: [SkippedInput] = []
    }

    /// The manifests that paths name, listed but not yet read, so that a large tree can be read and audited a
    /// batch at a time (`Auditor.audit(_:)` holds one batch's text, not the whole tree's).
    public struct Listing: Sendable {
        fileprivate var items: [Pending]
        /// Files skipped on purpose while listing (kustomization.yaml, Helm values...).
        public var skipped: [SkippedInput]

        public var count: Int { items.count }

        /// Reads the listed files in `range` on every core; the inputs and problems keep the listing's order.
        public func read(_ range: Range<Int>) -> Reading {
            let batch = items[range]
            let results = ConcurrentResults<Pending>(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: batch.count) { offset in
                let item = batch[batch.startIndex + offset]
                guard case .file(let file, let origin) = item else { return results.set(offset, item) }
                results.set(offset, ManifestInput.read(file, origin: origin))
            }
            var reading = Reading()
            for result in results.values {
                switch result {
                case .read(let input): reading.inputs.append(input)
                case .problem(let problem): reading.problems.append(problem)
                case .file: break
                }
            }
            return reading
        }
    }

    /// Reads files, directories (recursively) and `-` at once: `list`, then every listed file.
    public static func read(_ paths: [String], stdin: () -> String?, exclude: [String] = []) -> Reading {
        let listing = list(paths, stdin: stdin, exclude: exclude)
        var reading = listing.read(0..<listing.count)
        reading.skipped = listing.skipped
        return reading
    }

    /// Lists files, directories (recursively: *.yaml, *.yml, *.json) and `-` (standard input, through `stdin`, read
    /// here). In directories, hidden entries, files matching an `exclude` glob or a line of the directory's
    /// `.hardenignore`, and files that are never Kubernetes objects (kustomization.yaml, Chart.yaml, Helm values,
    /// compose files) are skipped, the last with a note. The listing keeps the order of the paths, a directory's
    /// files sorted.
    public static func list(_ paths: [String], stdin: () -> String?, exclude: [String] = []) -> Listing {
        var skipped: [SkippedInput] = []
        var pending: [Pending] = []
        for path in paths {
            if path == "-" {
                if let text = stdin() {
                    pending.append(.read(ManifestInput(file: "<stdin>", text: text)))
                } else {
                    pending.append(
                        .problem(
                            InputProblem(
                                file: "<stdin>", line: nil, message: "cannot read standard input as UTF-8 text")))
                }
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                pending.append(.problem(InputProblem(file: path, line: nil, message: "no such file or directory")))
                continue
            }
            guard isDirectory.boolValue else {
                pending.append(.file(path, .named))
                continue
            }
            let ignoreFile = IgnoreFile.patterns(in: path)
            if let problem = ignoreFile.problem { pending.append(.problem(problem)) }
            let ignored = exclude + ignoreFile.patterns
            let base = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
            var found: [String] = []
            let walk = DirectoryWalk.files(below: base) { name in
                name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".json")
            }
            for (directory, reason) in walk.unlisted {
                pending.append(
                    .problem(InputProblem(file: directory, line: nil, message: "cannot be listed: \(reason)")))
            }
            for relative in walk.files {
                let name =
                    relative.lastIndex(ofASCII: "/").map { String(relative[relative.utf8.index(after: $0)...]) }
                    ?? relative
                guard !IgnoreFile.matches(relative, name: name, ignored) else { continue }
                let file = base == "/" ? "/" + relative : base + "/" + relative
                if let reason = NotKubernetes.reason(forFileName: name) {
                    skipped.append(SkippedInput(file: file, line: nil, reason: reason))
                    continue
                }
                found.append(file)
            }
            pending += found.sorted().map { .file($0, .listed) }
        }
        return Listing(items: pending, skipped: skipped)
    }

    /// An input in the order of the paths: read, to be read, or a problem.
    fileprivate enum Pending: Sendable {
        case read(ManifestInput)
        case file(String, TextFile.Origin)
        case problem(InputProblem)
    }

    fileprivate static func read(_ file: String, origin: TextFile.Origin) -> Pending {
        switch TextFile.read(file, limit: YAMLLimits.manifest.maxBytes, origin: origin) {
        case .success(let text): return .read(ManifestInput(file: file, text: text))
        case .failure(let problem): return .problem(InputProblem(file: file, line: nil, message: problem.description))
        }
    }
}

/// Input skipped on purpose: a file or document that is not a Kubernetes object.
public struct SkippedInput: Codable, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var reason: String

    public var description: String {
        Quoted.escaped("\(line.map { "\(file):\($0)" } ?? file): skipped: \(reason)")
    }
}

/// Files in a repository that are YAML but never Kubernetes objects.
enum NotKubernetes {
    /// `name` ends in .yaml, .yml or .json (the walk asks about nothing else); Swift string work, not Foundation's,
    /// since every file of a repository is asked.
    static func reason(forFileName name: String) -> String? {
        let lower = name.lowercased()
        let stem = lower.lastIndex(ofASCII: ".").map { String(lower[..<$0]) } ?? lower
        if stem == "kustomization" { return "a Kustomize file: audit `kustomize build DIR | harden audit -`" }
        if stem == "chart" { return "a Helm Chart.yaml: audit `helm template RELEASE CHART | harden audit -`" }
        if stem == "values" || stem.hasPrefix("values-") || stem.hasPrefix("values.") {
            return "Helm values: audit `helm template RELEASE CHART -f \(name) | harden audit -`"
        }
        if stem == "compose" || stem.hasPrefix("docker-compose") || stem.hasPrefix("compose.") {
            return "a Compose file, not Kubernetes"
        }
        return nil
    }

    /// Whether `text` is an unrendered Helm template (a template action on a line of its own, or `{{` in YAML
    /// that does not parse).
    static func isTemplate(_ text: String, parses: Bool) -> Bool {
        // Every file is asked, and almost none holds `{{`: look for it in the bytes, not through Foundation.
        guard containsTemplateAction(text) else { return false }
        if !parses { return true }
        return text.split(separator: "\n").contains { line in
            line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("{{")
        }
    }

    /// `{{` found with `memchr`, which skips most of a file a word at a time.
    private static func containsTemplateAction(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard var next = bytes.baseAddress else { return false }
            let end = next + bytes.count
            while next < end, let brace = memchr(next, Int32(UInt8(ascii: "{")), end - next) {
                let found = UnsafePointer(brace.assumingMemoryBound(to: UInt8.self))
                if found + 1 < end && found[1] == UInt8(ascii: "{") { return true }
                next = found + 1
            }
            return false
        }
    }

    static let templateReason =
        "an unrendered Helm template: render it first, `helm template RELEASE CHART | harden audit -`"
}

/// `--exclude` globs and `.hardenignore` (one glob per line, `#` comments), matched against the path relative to
/// the directory walked and against the file name; a pattern ending in `/` excludes a directory.
enum IgnoreFile {
    static let name = ".hardenignore"

    /// The directory's patterns (none without the file), and why its file could not be read: the tree is then
    /// audited without them, and the problem makes the audit exit 3.
    static func patterns(in directory: String) -> (patterns: [String], problem: InputProblem?) {
        let path = (directory as NSString).appendingPathComponent(name)
        switch TextFile.read(path, limit: YAMLLimits.manifest.maxBytes, origin: .listed) {
        case .success(let text):
            let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            return (lines.filter { !$0.isEmpty && !$0.hasPrefix("#") }, nil)
        case .failure(.missing): return ([], nil)
        case .failure(let problem): return ([], InputProblem(file: path, line: nil, message: problem.description))
        }
    }

    /// `name` is the last component of `relative`.
    static func matches(_ relative: String, name: String, _ patterns: [String]) -> Bool {
        patterns.contains { pattern in
            if pattern.hasSuffix("/") {
                let directory = String(pattern.dropLast())
                return relative.hasPrefix(directory + "/") || relative.contains("/\(directory)/")
            }
            return fnmatch(pattern, relative, 0) == 0 || fnmatch(pattern, name, 0) == 0
        }
    }
}

/// Input that could not be audited: unreadable, not YAML, too large, an alias bomb, not a Kubernetes object.
public struct InputProblem: Codable, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public var description: String { Quoted.escaped("\(line.map { "\(file):\($0)" } ?? file): \(message)") }
}
