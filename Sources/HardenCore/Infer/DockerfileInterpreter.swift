import Foundation

/// Walks a Dockerfile's instructions stage by stage, as a build would, and keeps what each stage establishes:
/// the user, the accounts it creates, the directories it prepares for writing, what it copies in, its ports.
struct DockerfileInterpreter {
    let file: String
    let buildArguments: [String: String]

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
            apply(instruction, evidence: evidence, to: &state, global: global)
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
        return StageState(name: name, base: image)
    }

    private func apply(
        _ instruction: DockerfileSyntax.Instruction, evidence: String, to state: inout StageState,
        global: BuildVariables
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
        case "USER":
            state.user = StageState.Evidenced(
                value: state.variables.expand(arguments), evidence: evidence, confidence: .high)
        case "EXPOSE":
            for word in ShellWords.split(state.variables.expand(arguments)) {
                if let port = Int(word.split(separator: "/").first ?? "") { state.ports[port] = evidence }
            }
        case "VOLUME":
            for path in Self.list(state.variables.expand(arguments)) { state.addWritable(path, evidence, .high) }
        case "COPY", "ADD":
            let words = Self.list(state.variables.expand(arguments)).filter { !$0.hasPrefix("--") }
            if let destination = words.last, words.count >= 2 || !instruction.heredocs.isEmpty {
                state.addProtected(destination, evidence)
            }
        case "RUN":
            // Building in a directory the Dockerfile created (WORKDIR there, then RUN) fills it.
            if state.wasCreated(state.workdir) { state.populated.insert(state.workdir) }
            var script = arguments.hasPrefix("[") ? Self.list(arguments).joined(separator: " ") : arguments
            for body in instruction.heredocs { script += "\n" + body }
            for command in ShellWords.commands(state.variables.expand(Self.dropRunFlags(script))) {
                let cited =
                    "\(file):\(instruction.line): RUN \(Quoted.brief(command.joined(separator: " "), limit: 100))"
                run(command, evidence: cited, state: &state)
            }
        default:
            break
        }
    }

    /// One simple command of a RUN line: accounts, and directories prepared for the runtime user.
    private func run(_ command: [String], evidence: String, state: inout StageState) {
        guard let tool = command.first.map({ String($0.split(separator: "/").last ?? "") }) else { return }
        let arguments = Array(command.dropFirst())
        switch tool {
        case "useradd", "adduser", "groupadd", "addgroup":
            state.accounts.read(command, evidence: evidence)
        case "mkdir":
            for target in arguments where !target.hasPrefix("-") {
                state.addCreated(target)
                // -p creates the missing parents too: those below the system directories are new.
                guard arguments.contains(where: { $0 == "-p" || $0 == "--parents" }),
                    let path = StageState.normalise(target, workdir: state.workdir)
                else { continue }
                for parent in ContainerPath.ancestors(of: path)
                where !ContainerPath.systemRoots.contains(parent) && parent.split(separator: "/").count >= 2 {
                    state.addCreated(parent)
                }
            }
        case "ln":
            // The link's name is image content (`ln -sf /dev/stdout /var/log/app/access.log`).
            if let name = arguments.filter({ !$0.hasPrefix("-") }).dropFirst().last {
                state.addProtected(name, evidence)
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
        case "chmod":
            // Options are -R, -v, -c, -f and long ones; a mode may itself start with "-" (-w).
            let words = arguments.filter { !$0.hasPrefix("--") && !$0.contains(Self.chmodOption) }
            guard let mode = words.first, Self.grantsWrite(mode) else { return }
            let recursive = arguments.contains { $0 == "-R" || $0 == "--recursive" }
            for target in words.dropFirst() where Self.mayBeWritable(target, recursive: recursive, state: state) {
                state.addWritable(target, evidence, .high)
            }
        case "install":
            let options = Accounts.Options(arguments, withValue: ["-o", "--owner", "-g", "--group", "-m", "--mode"])
            guard options.has("-d") || options.has("--directory") else { return }
            let owner =
                options.value("-o") ?? options.value("--owner") ?? options.value("-g") ?? options.value("--group")
            let mode = options.value("-m") ?? options.value("--mode") ?? ""
            for target in options.positional { state.addCreated(target) }
            guard (owner.map { !Self.isRoot($0) } ?? false) || Self.grantsWrite(mode) else { return }
            if let user = (options.value("-o") ?? options.value("--owner"))?.split(separator: ":").first {
                state.owners.append(String(user))
            }
            for target in options.positional { state.addWritable(target, evidence, .high) }
        default:
            // Any other command that names a directory the Dockerfile created puts content there (tar -C DIR,
            // mv x DIR, an installer's --dir DIR): that directory is no longer empty.
            for argument in arguments {
                let value = argument.split(separator: "=", maxSplits: 1).last.map(String.init) ?? argument
                guard value.hasPrefix("/"), let path = StageState.normalise(value, workdir: state.workdir) else {
                    continue
                }
                for created in state.created where path == created || ContainerPath.isAncestor(created, of: path) {
                    state.populated.insert(created)
                }
            }
        }
    }

    nonisolated(unsafe) static let chmodOption = #/^-[Rvcf]+$/#

    /// Directories where a chown or chmod means "the process writes here" even when the Dockerfile did not create
    /// them: run-time state, caches, logs, spools. Elsewhere (/usr, /opt, /etc, /var/lib/APP with its binaries) an
    /// ownership change usually covers installed content, and a volume there would hide it.
    static let scratchRoots = ["/tmp", "/var/tmp", "/run", "/var/run", "/var/cache", "/var/log", "/var/spool"]
    /// Where software is installed: an ENV *_DIR there names configuration or binaries, not run-time data.
    static let installPrefixes = ["/usr", "/opt", "/etc", "/lib", "/bin", "/sbin"]

    /// Whether an ownership or mode change on `target` makes it a writable path without risk of hiding content.
    static func mayBeWritable(_ target: String, recursive: Bool, state: StageState) -> Bool {
        guard let path = StageState.normalise(target, workdir: state.workdir) else { return false }
        // A directory the Dockerfile created counts unless a later command fills it (checked at the stage's end),
        // or it lies under /usr, which holds installed, read-only content by convention (FHS).
        if state.wasCreated(target) && !(path == "/usr" || ContainerPath.isAncestor("/usr", of: path)) { return true }
        let name = path.split(separator: "/").last ?? ""
        if name.contains(".") && !name.hasPrefix(".") { return false }  // a file: config.yaml, my.cnf
        return scratchRoots.contains { path == $0 || ContainerPath.isAncestor($0, of: path) }
    }

    /// ENV names that by convention hold a directory the process writes: *_DIR, *_DATA, PGDATA-style names.
    static func namesWritableDirectory(_ name: String) -> Bool {
        let upper = name.uppercased()
        return upper.hasSuffix("_DIR") || upper.hasSuffix("_DATA") || upper.hasSuffix("DATA_PATH") || upper == "PGDATA"
            || upper.hasSuffix("_DATA_DIR")
    }

    static func isRoot(_ owner: String) -> Bool {
        let user = owner.split(separator: ":", omittingEmptySubsequences: false).first.map(String.init) ?? owner
        let group =
            owner.contains(":") ? String(owner.split(separator: ":", omittingEmptySubsequences: false).last ?? "") : ""
        let rootUser = user.isEmpty || user == "root" || user == "0"
        let rootGroup = group.isEmpty || group == "root" || group == "0"
        return rootUser && rootGroup
    }

    /// Whether a chmod or install mode grants write beyond root: 777, 1777, 775, g+w, o+w, a+w, u+w.
    static func grantsWrite(_ mode: String) -> Bool {
        if let octal = Int(mode, radix: 8), mode.allSatisfy(\.isNumber) {
            return octal & 0o022 != 0
        }
        return mode.split(separator: ",").contains { clause in
            guard let plus = clause.firstIndex(where: { $0 == "+" || $0 == "=" }) else { return false }
            return clause[plus...].contains("w")
        }
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
