import Foundation

/// Walks a Dockerfile's instructions stage by stage, as a build would, and keeps what each stage establishes:
/// the user, the accounts it creates, the directories it prepares for writing, what it copies in, its ports.
struct DockerfileInterpreter {
    let file: String
    let buildArguments: [String: String]
    /// The paths the knowledge base's entry for an external image names, or nil when it does not know the image.
    var baseListing: (String) -> [String]? = { _ in nil }

    /// The stage `target` names (or the last one), with the stages it was built on folded in.
    func stage(of syntax: DockerfileSyntax, target: String?) throws(InferError) -> StageState {
        var global = BuildVariables()
        var stages: [StageState] = []
        var current: StageState?
        for instruction in syntax.instructions {
            let evidence = "\(file):\(instruction.line): \(Quoted.brief(instruction.text, limit: 120))"
            if instruction.keyword == "FROM" {
                if let finished = current { stages.append(finished) }
                current = from(instruction, global: global, stages: stages)
                continue
            }
            guard var state = current else {
                // ARG before the first FROM: global, visible in FROM lines (and in stages that re-declare it).
                if instruction.keyword == "ARG" {
                    for (name, value) in global.assignments(instruction.arguments) {
                        global[name] = buildArguments[name] ?? value ?? global[name]
                    }
                }
                continue
            }
            apply(instruction, evidence: evidence, to: &state, global: global, stages: stages)
            current = state
        }
        guard let last = current else { throw .noStage }
        stages.append(last)
        var chosen = last
        if let target {
            guard let named = stages.last(where: { $0.name?.lowercased() == target.lowercased() }) else {
                throw .unknownTarget(target, stages: stages.compactMap(\.name))
            }
            chosen = named
        }
        // A scratch or distroless stage often takes /etc/passwd from a build stage that created the user.
        chosen.otherStagesAccounts = stages.map(\.accounts)
        return chosen
    }

    /// A new stage: FROM an earlier stage copies its state; FROM an image starts fresh.
    private func from(_ instruction: DockerfileSyntax.Instruction, global: BuildVariables, stages: [StageState])
        -> StageState
    {
        let words = ShellWords.split(instruction.arguments).filter { !$0.hasPrefix("--") }
        let image = global.expand(words.first ?? "scratch")
        let name = words.count >= 3 && words[1].lowercased() == "as" ? words[2] : nil
        if var earlier = stages.last(where: { $0.name?.lowercased() == image.lowercased() }) {
            earlier.name = name
            return earlier
        }
        var state = StageState(name: name, base: image)
        state.baseListing = image.lowercased() == "scratch" ? [] : baseListing(image)
        return state
    }

    private func apply(
        _ instruction: DockerfileSyntax.Instruction, evidence: String, to state: inout StageState,
        global: BuildVariables, stages: [StageState]
    ) {
        let arguments = instruction.arguments
        switch instruction.keyword {
        case "ARG":
            for (name, value) in state.variables.assignments(arguments) {
                state.variables[name] = buildArguments[name] ?? value ?? global[name]
            }
        case "ENV":
            for (name, value) in state.variables.assignments(arguments) {
                guard let value else { continue }
                state.variables[name] = value
                if Self.namesWritableDirectory(name), value.hasPrefix("/"),
                    !Self.installPrefixes.contains(where: { value == $0 || ContainerPath.isAncestor($0, of: value) })
                {
                    state.addWritable(value, evidence, .medium)
                }
            }
        case "WORKDIR":
            let directory = state.variables.expand(arguments)
            state.workdir = StageState.normalise(directory, workdir: state.workdir) ?? "/"
            if !state.wasCreated(state.workdir), !ContainerPath.systemRoots.contains(state.workdir),
                !(Self.installPrefixes + Self.scratchRoots + ["/home", "/root", "/var"]).contains(where: {
                    state.workdir == $0 || ContainerPath.isAncestor($0, of: state.workdir)
                })
            {
                state.newWorkdirs.append(.init(path: state.workdir, user: state.user?.value, evidence: evidence))
            } else if StageState.stateRoots.contains(where: { ContainerPath.isAncestor($0, of: state.workdir) }),
                !state.wasCreated(state.workdir), state.baseHoldsNothing(at: state.workdir)
            {
                // BuildKit creates a missing WORKDIR empty: below /var/lib or a scratch root, a state directory.
                state.addCreated(state.workdir)
                state.addStateDirectory(
                    state.workdir,
                    "\(evidence) (BuildKit creates it: the knowledge base's entry for the base \(state.base) names nothing there)"
                )
            }
        case "USER":
            state.user = StageState.Evidenced(
                value: state.variables.expand(arguments), evidence: evidence, confidence: .high)
        case "EXPOSE":
            for word in ShellWords.split(state.variables.expand(arguments)) {
                if let port = Int(word.split(separator: "/").first ?? "") { state.ports[port] = evidence }
            }
        case "VOLUME":
            for path in Self.list(state.variables.expand(arguments)) {
                // Images link their logs to /dev/stdout in /var/log/APP (nginx, httpd): a volume on a log
                // directory the base made would turn those links into files that nobody reads.
                if let normalised = StageState.normalise(path, workdir: state.workdir),
                    ContainerPath.isAncestor("/var/log", of: normalised), !state.wasCreated(normalised)
                {
                    let note =
                        "VOLUME \(normalised): the base image made this log directory, and images often link their logs there to /dev/stdout; a volume would hide the links, check the base before mounting one"
                    state.cautions.append(.init(value: note, evidence: evidence, confidence: .medium))
                    continue
                }
                if let normalised = StageState.normalise(path, workdir: state.workdir), state.volumes[normalised] == nil
                {
                    state.volumes[normalised] = evidence
                }
                state.addWritable(path, evidence, .high)
            }
        case "COPY", "ADD":
            let all = Self.list(state.variables.expand(arguments))
            let words = all.filter { !$0.hasPrefix("--") }
            guard let destination = words.last, words.count >= 2 || !instruction.heredocs.isEmpty else { break }
            let flag = { (name: String) in
                all.first { $0.hasPrefix("--\(name)=") }.map { String($0.dropFirst(name.count + 3)) }
            }
            // The copy gives what it copies to a non-root owner or a writable mode.
            let givesWrite =
                (flag("chown").map { !Self.isRoot($0) } ?? false) || (flag("chmod").map(Self.grantsWrite) ?? false)
            // The tree below a directory a build stage made (empty or not) arrives with what is known about it.
            if instruction.keyword == "COPY", words.count == 2, let stage = Self.sourceStage(flags: all, stages: stages)
            {
                state.receive(words[0], of: stage, at: destination, givesWrite: givesWrite, evidence: evidence)
            }
            if instruction.keyword == "COPY", words.count == 2,
                let wasWritable = Self.copiedEmptyDirectory(words[0], flags: all, from: stages)
            {
                // An empty directory a build stage made, copied in: a new empty directory here, writable when the
                // copy gives it to a non-root owner or a writable mode (or it was writable in that stage).
                state.addCreated(destination)
                if givesWrite || wasWritable {
                    state.addWritable(destination, evidence, .high)
                } else {
                    state.addStateDirectory(destination, evidence)
                }
                break
            }
            state.addProtected(destination, evidence)
        case "RUN":
            // `cd` moves the rest of the RUN line, not the next instruction.
            let workdir = state.workdir
            defer { state.workdir = workdir }
            var script = arguments.hasPrefix("[") ? Self.list(arguments).joined(separator: " ") : arguments
            for body in instruction.heredocs { script += "\n" + body }
            // A `( ... )` subshell's `cd` ends with it: the directories it left are restored when it closes.
            var subshells: [String] = []
            for var command in ShellWords.commands(
                state.variables.expand(Self.dropRunFlags(script), keepingUnknown: true))
            {
                while let first = command.first, first.hasPrefix("(") {
                    subshells.append(state.workdir)
                    if first == "(" { command.removeFirst() } else { command[0] = String(first.dropFirst()) }
                }
                var closing = 0
                while let last = command.last, Self.closesSubshell(last) {
                    closing += 1
                    if last == ")" {
                        command.removeLast()
                    } else {
                        command[command.count - 1] = String(last.dropLast())
                    }
                }
                if !command.isEmpty {
                    let cited =
                        "\(file):\(instruction.line): RUN \(Quoted.brief(command.joined(separator: " "), limit: 100))"
                    run(command, evidence: cited, state: &state)
                }
                for _ in 0..<closing { if let outer = subshells.popLast() { state.workdir = outer } }
            }
        default:
            break
        }
    }

    /// One simple command of a RUN line: accounts, and directories prepared for the runtime user.
    private func run(_ words: [String], evidence: String, state: inout StageState) {
        let command = Self.droppingRedirections(words)
        guard let tool = command.first.map({ String($0.split(separator: "/").last ?? "") }) else { return }
        let arguments = Array(command.dropFirst())
        if let distribution = Self.packageManagers[tool] { state.accounts.distribution = distribution }
        switch tool {
        case "useradd", "adduser", "groupadd", "addgroup":
            // The home directory the tool creates is new and empty (the skeleton's dotfiles aside).
            if let home = state.accounts.read(command, evidence: evidence)?.home {
                state.addCreated(home, parents: true)
            }
        case "cd":
            // The rest of the RUN line works there; a target that is not a known path is a directory no instruction
            // names (`cd "$(mktemp -d)"`).
            let target = arguments.first { !$0.hasPrefix("-") } ?? ""
            state.workdir = StageState.normalise(target, workdir: state.workdir) ?? StageState.unknownDirectory
        case "mkdir":
            let parents = arguments.contains { $0 == "-p" || $0 == "--parents" }
            for target in arguments where !target.hasPrefix("-") {
                state.addCreated(target, parents: parents)
                state.addStateDirectory(target, evidence)
                if parents { state.addCreatedParents(of: target, evidence) }
            }
        case "rm", "rmdir":
            // rmdir takes away an empty directory: it puts nothing anywhere (`rmdir /var/lib/mysql/mysql`).
            for target in arguments where !target.hasPrefix("-") { state.remove(target) }
        case "mv":
            let paths = arguments.filter { !$0.hasPrefix("-") }
            for source in paths.dropLast() { state.remove(source) }
            if let target = paths.last { fillCreated(naming: target, state: &state) }
        case "ln":
            // The link's name is image content (`ln -sf /dev/stdout /var/log/app/access.log`).
            if let name = arguments.filter({ !$0.hasPrefix("-") }).dropFirst().last {
                state.addProtected(Self.knownPart(name), evidence)
            }
        case "chown", "chgrp":
            let targets = arguments.filter { !$0.hasPrefix("-") }.dropFirst()
            let owner = arguments.first { !$0.hasPrefix("-") } ?? ""
            guard !Self.isRoot(owner) else { return }
            if tool == "chown", let user = owner.split(separator: ":").first { state.owners.append(String(user)) }
            let recursive = arguments.contains { $0 == "-R" || $0 == "--recursive" }
            for target in targets where Self.mayBeWritable(target, recursive: recursive, state: state) {
                state.addWritable(target, evidence, .high)
            }
            if recursive { Self.addCreatedInside(targets, evidence: evidence, state: &state) }
        case "chmod":
            // Options are -R, -v, -c, -f and long ones; a mode may itself start with "-" (-w).
            let words = arguments.filter { !$0.hasPrefix("--") && !$0.contains(Self.chmodOption) }
            guard let mode = words.first, Self.grantsWrite(mode) else { return }
            let recursive = arguments.contains { $0 == "-R" || $0 == "--recursive" }
            let sharedScratch = Self.marksSharedScratch(mode)
            for target in words.dropFirst() {
                // The sticky bit with write for all (1777) has one use: a directory every user creates and deletes
                // files in, like /tmp. So it is scratch space even in a tree the build unpacked (`chmod 1777 logs
                // temp work` in Tomcat's), unless a command puts content there (checked at the stage's end). Only
                // where what is there is known: inside a directory this Dockerfile made, or where the base holds
                // nothing (its knowledge-base entry names no path there); `chmod -R 1777 /go` on golang's /go would
                // open the base's own content. And not an empty directory the Dockerfile makes under /usr: opened
                // to all, it is where users and derived images install software (Ruby's GEM_HOME).
                if sharedScratch, let path = StageState.normalise(target, workdir: state.workdir),
                    !ContainerPath.systemRoots.contains(path),
                    state.wasCreated(path) || state.baseHoldsNothing(at: path),
                    !(state.created[path] != nil && Self.isInstalledContent(path))
                {
                    if state.sharedScratch[path] == nil {
                        state.sharedScratch[path] = .init(since: state.filled.count, evidence: evidence)
                    }
                    state.addWritable(
                        target, "\(evidence) (the sticky bit and write for all: shared scratch space, like /tmp)", .high
                    )
                } else if Self.mayBeWritable(target, recursive: recursive, state: state) {
                    state.addWritable(target, evidence, .high)
                }
            }
            if recursive { Self.addCreatedInside(words.dropFirst(), evidence: evidence, state: &state) }
        case "install":
            let options = Accounts.Options(arguments, withValue: ["-o", "--owner", "-g", "--group", "-m", "--mode"])
            guard options.has("-d") || options.has("--directory") else {
                // `install SOURCE DEST`: a copy, which fills the directory it lands in.
                if let destination = options.positional.last { fillCreated(naming: destination, state: &state) }
                return
            }
            let owner =
                options.value("-o") ?? options.value("--owner") ?? options.value("-g") ?? options.value("--group")
            let mode = options.value("-m") ?? options.value("--mode") ?? ""
            for target in options.positional {
                state.addCreated(target)
                state.addCreatedParents(of: target, evidence)  // install -d makes the leading directories too
            }
            guard (owner.map { !Self.isRoot($0) } ?? false) || Self.grantsWrite(mode) else {
                for target in options.positional { state.addStateDirectory(target, evidence) }
                return
            }
            if let user = (options.value("-o") ?? options.value("--owner"))?.split(separator: ":").first {
                state.owners.append(String(user))
            }
            for target in options.positional { state.addWritable(target, evidence, .high) }
        case _ where Self.readOnlyCommands.contains(tool):
            break
        default:
            // Any other command that names a directory the Dockerfile created puts content there (tar -C DIR,
            // cp x DIR, an installer's --dir DIR): that directory is no longer empty. Run in one (WORKDIR, cd), it
            // puts its files there, unless it is a shell builtin or a package manager, which write elsewhere.
            if !Self.writesNothingInWorkingDirectory.contains(tool), state.wasCreated(state.workdir) {
                state.fill(state.workdir, shallow: true)
            }
            for argument in arguments { fillCreated(naming: argument, state: &state) }
        }
    }

    /// `argument` (or the value of `--option=VALUE`) names a path inside a created directory: content goes there.
    /// A relative path is taken in the working directory (`cp app.conf conf/`). A path with a shell variable or a
    /// wildcard names at least the directory before it (`touch "$PGLOG/postgresql-$i.log"`).
    private func fillCreated(naming argument: String, state: inout StageState) {
        let value = Self.knownPart(argument.split(separator: "=", maxSplits: 1).last.map(String.init) ?? argument)
        guard !value.hasPrefix("-"), let path = StageState.normalise(value, workdir: state.workdir) else { return }
        state.named.append(path)
        if state.created.keys.contains(where: { path == $0 || ContainerPath.isAncestor($0, of: path) }) {
            state.fill(path)
        }
    }

    /// A path up to its first shell variable or wildcard, less the component that holds it: the directory it names
    /// for sure (`/usr/local/bin/$dst` is in /usr/local/bin; `$dir/x` names nothing known).
    static func knownPart(_ path: String) -> String {
        guard let unknown = path.firstIndex(where: { $0 == "$" || $0 == "*" }) else { return path }
        return path[..<unknown].lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
    }

    /// A recursive chown or chmod also covers the empty directories the Dockerfile created inside its targets
    /// (`mkdir -p /srv/app/log && chown -R app /srv/app`: the log directory is the writable one).
    private static func addCreatedInside(
        _ targets: some Sequence<String>, evidence: String, state: inout StageState
    ) {
        for target in targets {
            guard let path = StageState.normalise(target, workdir: state.workdir) else { continue }
            for created in state.created.keys.sorted()
            where ContainerPath.isAncestor(path, of: created) && !isInstalledContent(created) {
                state.addWritable(created, evidence, .high)
            }
        }
    }

    /// For `COPY --from=STAGE SOURCE DEST` of a directory that stage created and left empty: whether it was
    /// writable there. Nil when the source is anything else.
    static func copiedEmptyDirectory(_ source: String, flags: [String], from stages: [StageState]) -> Bool? {
        guard let stage = sourceStage(flags: flags, stages: stages),
            let path = StageState.normalise(source, workdir: stage.workdir), stage.created[path] != nil,
            !stage.isPopulated(path),
            !stage.protected.contains(where: { $0.value == path || ContainerPath.isAncestor(path, of: $0.value) })
        else { return nil }
        return stage.writable.contains { $0.value == path }
    }

    /// The earlier build stage a `COPY --from=` names (by name or index), or nil for an image or no --from.
    static func sourceStage(flags: [String], stages: [StageState]) -> StageState? {
        guard let from = flags.first(where: { $0.hasPrefix("--from=") }).map({ String($0.dropFirst(7)) }) else {
            return nil
        }
        return Int(from).flatMap { stages.indices.contains($0) ? stages[$0] : nil }
            ?? stages.last { $0.name?.lowercased() == from.lowercased() }
    }

    /// Commands that read or print what they name, never putting content there.
    static let readOnlyCommands: Set<String> = [
        "echo", "printf", "test", "[", "ls", "stat", "find", "grep", "cat", "du", "readlink", "realpath", "sed",
    ]

    /// Commands that put nothing in the directory they run in: shell builtins, and package managers (they install
    /// into the system's directories).
    static let writesNothingInWorkingDirectory: Set<String> = [
        "cd", "set", "export", "unset", "true", "false", ":", "exit", "umask", "apt-get", "apt", "apk", "dpkg", "rpm",
        "dnf", "yum", "microdnf", "apt-mark",
    ]

    /// Package managers and the distribution family they show.
    static let packageManagers: [String: Distribution] = [
        "apt-get": .debian, "apt": .debian, "dpkg": .debian, "apk": .alpine,
    ]

    nonisolated(unsafe) static let redirection = #/^[0-9]*(>>?|<|>&|&>>?)/#

    /// A simple command without its redirections (`2>/dev/null`, `> file`, `2>&1`): they are not arguments.
    static func droppingRedirections(_ words: [String]) -> [String] {
        var kept: [String] = []
        var skipNext = false
        for word in words {
            if skipNext {
                skipNext = false
                continue
            }
            guard let match = word.prefixMatch(of: redirection) else {
                kept.append(word)
                continue
            }
            // `> file`: the operator alone, its target is the next word.
            skipNext = match.output.0.count == word.count
        }
        return kept
    }

    nonisolated(unsafe) static let chmodOption = #/^-[Rvcf]+$/#

    /// Directories where a chown or chmod means "the process writes here" even when the Dockerfile did not create
    /// them: run-time state, caches, logs, spools. Elsewhere (/usr, /opt, /etc, /var/lib/APP with its binaries) an
    /// ownership change usually covers installed content, and a volume there would hide it.
    static let scratchRoots = ["/tmp", "/var/tmp", "/run", "/var/run", "/var/cache", "/var/log", "/var/spool"]
    /// Where software is installed: an ENV *_DIR there names configuration or binaries, not run-time data.
    static let installPrefixes = ["/usr", "/opt", "/etc", "/lib", "/bin", "/sbin"]

    /// Whether `path` lies in /usr's hierarchy, which holds installed, read-only content by convention (FHS), and
    /// where an installer may fill a directory without naming it. A directory directly in /usr outside that
    /// hierarchy (`/usr/logs`) is no installer's target.
    static func isInstalledContent(_ path: String) -> Bool {
        guard path != "/usr" else { return true }
        guard ContainerPath.isAncestor("/usr", of: path), let top = path.split(separator: "/").dropFirst().first
        else { return false }
        return fhsUsr.contains(String(top))
    }

    /// The directories of /usr that the FHS defines (and the multilib and X11 ones distributions add).
    static let fhsUsr: Set<String> = [
        "bin", "games", "include", "lib", "lib32", "lib64", "libx32", "libexec", "local", "sbin", "share", "src",
        "X11R6",
    ]

    /// Whether an ownership or mode change on `target` makes it a writable path without risk of hiding content.
    static func mayBeWritable(_ target: String, recursive: Bool, state: StageState) -> Bool {
        guard let path = StageState.normalise(target, workdir: state.workdir) else { return false }
        // A directory the Dockerfile created counts unless a later command fills it (checked at the stage's end),
        // or it lies in /usr's hierarchy, which holds installed, read-only content by convention (FHS).
        if state.wasCreated(target) && !isInstalledContent(path) { return true }
        let name = path.split(separator: "/").last ?? ""
        if name.contains(".") && !name.hasPrefix(".") { return false }  // a file: config.yaml, my.cnf
        return scratchRoots.contains { path == $0 || ContainerPath.isAncestor($0, of: path) }
    }

    /// ENV names that by convention hold a directory the process writes: *_DIR, *_DATA, PGDATA-style names, and
    /// the XDG base directories a user's programs write their data, configuration, cache and state in
    /// (XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_STATE_HOME).
    static func namesWritableDirectory(_ name: String) -> Bool {
        let upper = name.uppercased()
        return upper.hasSuffix("_DIR") || upper.hasSuffix("_DATA") || upper.hasSuffix("DATA_PATH") || upper == "PGDATA"
            || upper.hasSuffix("_DATA_DIR") || (upper.hasPrefix("XDG_") && upper.hasSuffix("_HOME"))
    }

    static func isRoot(_ owner: String) -> Bool {
        let user = owner.split(separator: ":", omittingEmptySubsequences: false).first.map(String.init) ?? owner
        let group =
            owner.contains(":") ? String(owner.split(separator: ":", omittingEmptySubsequences: false).last ?? "") : ""
        let rootUser = user.isEmpty || user == "root" || user == "0"
        let rootGroup = group.isEmpty || group == "root" || group == "0"
        return rootUser && rootGroup
    }

    /// Whether a chmod or install mode grants write beyond root: 777, 1777, 775, g+w, o+w, a+w, u+w, and `g=u`, the
    /// OpenShift convention (`chgrp -R 0 DIR && chmod -R g=u DIR`) that gives the root group, which an arbitrary
    /// uid runs in, what the owner may do: write, for a directory.
    static func grantsWrite(_ mode: String) -> Bool {
        if let octal = Int(mode, radix: 8), mode.allSatisfy(\.isNumber) {
            return octal & 0o022 != 0
        }
        return mode.split(separator: ",").contains { clause in
            guard let plus = clause.firstIndex(where: { $0 == "+" || $0 == "=" }) else { return false }
            let permissions = clause[clause.index(after: plus)...]
            return permissions.contains("w") || (permissions == "u" && clause[..<plus].contains("g"))
        }
    }

    /// Whether a word ends a `( ... )` subshell: a `)` more than it opens (not `$(nproc)`, but `install)`).
    static func closesSubshell(_ word: String) -> Bool {
        word.hasSuffix(")") && word.filter({ $0 == ")" }).count > word.filter({ $0 == "(" }).count
    }

    /// Whether a chmod mode makes a directory shared scratch space like /tmp: the sticky bit and write for others
    /// (1777, a+rwxt, `ugo+rwx,o+t`).
    static func marksSharedScratch(_ mode: String) -> Bool {
        if let octal = Int(mode, radix: 8), mode.allSatisfy(\.isNumber) {
            return octal & 0o1002 == 0o1002
        }
        let clauses = mode.split(separator: ",").compactMap { clause -> (who: Substring, what: Substring)? in
            guard let operation = clause.firstIndex(where: { $0 == "+" || $0 == "=" }) else { return nil }
            return (clause[..<operation], clause[clause.index(after: operation)...])
        }
        let sticky = clauses.contains { $0.what.contains("t") }
        let othersWrite = clauses.contains { clause in
            clause.what.contains("w") && (clause.who.isEmpty || clause.who.contains("o") || clause.who.contains("a"))
        }
        return sticky && othersWrite
    }

    /// A JSON array (`["/data", "/logs"]`) or whitespace-separated words.
    static func list(_ arguments: String) -> [String] {
        let trimmed = arguments.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("["), trimmed.hasSuffix("]") {
            return trimmed.dropFirst().dropLast().split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }.filter { !$0.isEmpty }
        }
        return ShellWords.split(trimmed)
    }

    /// `RUN --mount=... --network=...`: flags before the command.
    static func dropRunFlags(_ script: String) -> String {
        var rest = Substring(script)
        while rest.hasPrefix("--") {
            let flag = rest.prefix(while: { $0 != " " })
            rest = rest[flag.endIndex...].drop(while: { $0 == " " })
        }
        return String(rest)
    }
}
