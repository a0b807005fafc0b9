/// What the instructions of one build stage establish, as the interpreter walks them: a stage built FROM an earlier
/// stage starts with a copy of that stage's state.
struct StageState {
    /// An inferred fact and the Dockerfile line that shows it.
    struct Evidenced: Equatable {
        var value: String
        var evidence: String
        var confidence: Confidence
    }

    var name: String?
    /// The external image the stage chain starts from (`scratch` included), as written after expansion.
    var base: String
    /// The paths the knowledge base's entry for `base` names (writable and protected): empty for scratch, nil when
    /// the knowledge base does not know the base, so nothing can be said about what it holds.
    var baseListing: [String]?
    var variables = BuildVariables()
    var workdir = "/"
    var user: Evidenced?
    var accounts = Accounts()
    /// The accounts every stage of the Dockerfile created, for a USER name this stage did not create itself.
    var otherStagesAccounts: [Accounts] = []
    var writable: [Evidenced] = []
    var protected: [Evidenced] = []
    var ports: [Int: String] = [:]
    /// Directories this Dockerfile creates empty (mkdir, install -d): writable without hiding anything. The value is
    /// how many fillings (`filled`) had happened when the directory was created: content put in a parent before a
    /// directory existed is not in it.
    var created: [String: Int] = [:]
    /// Directories made where the base holds nothing, with why they are new: said with the writable paths in them.
    var newDirectories: [String: String] = [:]
    /// A command that puts content in a directory.
    struct Filling {
        var directory: String
        /// A command that only works in the directory (its current one) and names nothing inside it: its files land
        /// there by their own names, not in an empty directory the Dockerfile made inside before.
        var shallow = false
    }

    /// Created directories that later commands fill (tar -C, mv, an installer's --dir), in order.
    var filled: [Filling] = []
    /// `rm` and `mv` of a path (or of a directory's contents), with how many fillings had happened: what a parent
    /// received before is gone from it.
    var removals: [(path: String, contentsOnly: Bool, at: Int)] = []
    /// A WORKDIR outside the directories a base image ships, and the USER in effect there (nil: the base's).
    struct Workdir {
        var path: String
        var user: String?
        var evidence: String
    }

    /// WORKDIRs that name a directory no instruction before made: BuildKit creates it, owned by the USER in effect.
    var newWorkdirs: [Workdir] = []
    /// Empty directories the Dockerfile creates where programs keep their state (below /var/lib, /run, /var/cache
    /// and the other scratch roots) without giving them to a user: written by an image that runs as root.
    var stateDirectories: [Evidenced] = []
    /// The paths VOLUME declares, with the line: Docker fills a new volume with what the image holds there.
    var volumes: [String: String] = [:]
    /// Directories chmod makes shared scratch space like /tmp (the sticky bit with write for all: 1777), with how
    /// many fillings had happened then: what a parent received before is not said to be in them.
    var sharedScratch: [String: SharedScratch] = [:]
    struct SharedScratch {
        /// How many fillings had happened at the chmod.
        var since: Int
        var evidence: String
    }
    /// Every path a command names as where it puts something (mv's target, tar -C, cp's destination, an installer's
    /// --dir), created by this Dockerfile or not.
    var named: [String] = []
    /// Notes found while interpreting (a volume that may hide what the base put there), said as pitfalls.
    var cautions: [Evidenced] = []
    /// Users that own what the Dockerfile chowns, in order: the user an entrypoint steps down to.
    var owners: [String] = []

    mutating func addWritable(_ path: String, _ evidence: String, _ confidence: Confidence) {
        guard let normalised = Self.normalise(path, workdir: workdir) else { return }
        if let index = writable.firstIndex(where: { $0.value == normalised }) {
            if confidence > writable[index].confidence { writable[index].confidence = confidence }
            return
        }
        let why = newDirectories.first { $0.key == normalised || ContainerPath.isAncestor($0.key, of: normalised) }
        let explained = why.map { "\(evidence) (\($0.value))" } ?? evidence
        writable.append(Evidenced(value: normalised, evidence: explained, confidence: confidence))
    }

    /// Whether the base image holds nothing at `path`: it is scratch, or the knowledge base knows it and its entry
    /// names no path there, below or above. Unknown bases hold anything.
    func baseHoldsNothing(at path: String) -> Bool {
        guard let baseListing else { return false }
        return !baseListing.contains {
            $0 == path || ContainerPath.isAncestor(path, of: $0) || ContainerPath.isAncestor($0, of: path)
        }
    }

    /// `mkdir -p` or `install -d` of `path` also makes its missing parents: those below the system directories,
    /// and a top-level one (`/go`, `/loki`) outside the FHS directories when the base holds nothing there.
    mutating func addCreatedParents(of path: String, _ evidence: String) {
        guard let normalised = Self.normalise(path, workdir: workdir) else { return }
        for parent in ContainerPath.ancestors(of: normalised) where !ContainerPath.systemRoots.contains(parent) {
            if parent.split(separator: "/").count >= 2 {
                addCreated(parent, parents: true)
            } else if !Self.fhsTopLevel.contains(parent), baseHoldsNothing(at: parent), created[parent] == nil {
                addCreated(parent, parents: true)
                guard created[parent] != nil else { continue }
                newDirectories[parent] =
                    "\(parent) is new, made by \(evidence): "
                    + (base.lowercased() == "scratch"
                        ? "the base is scratch" : "the knowledge base's entry for the base \(base) names nothing there")
            }
        }
    }

    /// Top-level directories every distribution has (mount points, scratch space), besides the system roots.
    static let fhsTopLevel: Set<String> = ["/tmp", "/run", "/mnt", "/media"]

    /// Whether `path` was created empty by this Dockerfile, or lies inside such a directory.
    func wasCreated(_ path: String) -> Bool {
        guard let normalised = Self.normalise(path, workdir: workdir) else { return false }
        return created[normalised] != nil || ContainerPath.ancestors(of: normalised).contains { created[$0] != nil }
    }

    /// Whether a command put content in `path`, in a directory inside it, or in a directory around it after `path`
    /// was created or last removed (what went into a parent before is not in `path`). A command working in a parent
    /// (shallow) does not fill an empty directory the Dockerfile had made there.
    func isPopulated(_ path: String) -> Bool {
        let since = max(created[path] ?? 0, lastRemoval(of: path) ?? 0, sharedScratch[path]?.since ?? 0)
        return filled.enumerated().contains { index, filling in
            let directory = filling.directory
            guard !directory.isEmpty else { return false }  // removed since
            if directory == path || ContainerPath.isAncestor(path, of: directory) { return true }
            guard ContainerPath.isAncestor(directory, of: path), index >= since else { return false }
            return !filling.shallow || !madeBefore(index, inside: directory, upTo: path)
        }
    }

    /// Whether a command named `path`, or a path inside it, as where it puts something.
    func namesContent(in path: String) -> Bool {
        named.contains { $0 == path || ContainerPath.isAncestor(path, of: $0) }
    }

    /// When `path` (or a directory around it, or the contents of one) was last removed, in fillings.
    private func lastRemoval(of path: String) -> Int? {
        removals.last { removal in
            (removal.path == path && !removal.contentsOnly) || ContainerPath.isAncestor(removal.path, of: path)
        }?.at
    }

    /// Whether a directory between `directory` (excluded) and `path` (included) was created before filling `index`.
    /// A directory chmod opened as shared scratch space existed then, made or not by this Dockerfile.
    private func madeBefore(_ index: Int, inside directory: String, upTo path: String) -> Bool {
        let existing = created.map { ($0.key, $0.value) } + sharedScratch.map { ($0.key, $0.value.since) }
        return existing.contains { made, at in
            at <= index && (made == path || ContainerPath.isAncestor(made, of: path))
                && ContainerPath.isAncestor(directory, of: made)
        }
    }

    /// A command puts content in `directory` (`shallow`: it only works there, see `Filling`).
    mutating func fill(_ directory: String, shallow: Bool = false) {
        filled.append(Filling(directory: directory, shallow: shallow))
    }

    /// `mkdir` or `install -d` of `path`. With `parents` (mkdir -p), the path may already exist: one that already
    /// holds content, or copied content, is not new.
    mutating func addCreated(_ path: String, parents: Bool = false) {
        guard let normalised = Self.normalise(path, workdir: workdir), created[normalised] == nil else { return }
        if parents
            && (isPopulated(normalised) || namesContent(in: normalised)
                || protected.contains { $0.value == normalised || ContainerPath.isAncestor(normalised, of: $0.value) })
        {
            return
        }
        created[normalised] = filled.count
    }

    /// `rm` or `mv` of `path` (or of everything in a directory, `DIR/*`): what was copied there is gone.
    mutating func remove(_ path: String) {
        let contentsOnly = path.hasSuffix("/*")
        guard let normalised = Self.normalise(contentsOnly ? String(path.dropLast(2)) : path, workdir: workdir)
        else { return }
        let gone = { (path: String) in
            (!contentsOnly && path == normalised) || ContainerPath.isAncestor(normalised, of: path)
        }
        protected.removeAll { gone($0.value) }
        named.removeAll(where: gone)
        // Forgotten in place (creation records index into `filled`): a directory made again later starts empty.
        filled = filled.map { gone($0.directory) ? Filling(directory: "") : $0 }
        for path in created.keys where gone(path) { created[path] = nil }
        removals.append((normalised, contentsOnly, filled.count))
    }

    /// Where programs keep their run-time state: /var/lib and the scratch roots.
    static let stateRoots = ["/var/lib"] + DockerfileInterpreter.scratchRoots

    /// `path`, just created empty, when it lies below /var/lib or a scratch root (`mkdir -p /var/lib/vector`).
    mutating func addStateDirectory(_ path: String, _ evidence: String) {
        guard let normalised = Self.normalise(path, workdir: workdir), created[normalised] != nil,
            Self.stateRoots.contains(where: { ContainerPath.isAncestor($0, of: normalised) }),
            !stateDirectories.contains(where: { $0.value == normalised })
        else { return }
        stateDirectories.append(Evidenced(value: normalised, evidence: evidence, confidence: .medium))
    }

    mutating func addProtected(_ path: String, _ evidence: String) {
        guard let normalised = Self.normalise(path, workdir: workdir),
            !protected.contains(where: { $0.value == normalised })
        else { return }
        protected.append(Evidenced(value: normalised, evidence: evidence, confidence: .high))
    }

    /// The working directory after `cd` to somewhere no instruction names: relative paths there match nothing.
    static let unknownDirectory = "/(unknown)"

    /// An absolute, normalised path (relative ones resolved against WORKDIR), or nil for what is not a path.
    static func normalise(_ path: String, workdir: String) -> String? {
        guard !path.isEmpty, !path.contains("$"), !path.contains("*") else { return nil }
        let absolute = path.hasPrefix("/") ? path : (workdir == "/" ? "/" : workdir + "/") + path
        var components: [Substring] = []
        for component in absolute.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        let result = "/" + components.joined(separator: "/")
        return result == "/" ? nil : result
    }
}

/// A distribution family, as the package manager a RUN line uses shows it.
enum Distribution: Equatable {
    /// Debian and Ubuntu: apt-get, apt, dpkg.
    case debian
    /// Alpine: apk.
    case alpine
}
