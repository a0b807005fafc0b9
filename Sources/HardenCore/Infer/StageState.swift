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
    /// Created directories that later commands fill (tar -C, mv, an installer's --dir), in order.
    var filled: [String] = []
    /// A WORKDIR outside the directories a base image ships, and the USER in effect there (nil: the base's).
    struct Workdir {
        var path: String
        var user: String?
        var evidence: String
    }

    /// WORKDIRs that name a directory no instruction before made: BuildKit creates it, owned by the USER in effect.
    var newWorkdirs: [Workdir] = []
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
        writable.append(Evidenced(value: normalised, evidence: evidence, confidence: confidence))
    }

    /// Whether `path` was created empty by this Dockerfile, or lies inside such a directory.
    func wasCreated(_ path: String) -> Bool {
        guard let normalised = Self.normalise(path, workdir: workdir) else { return false }
        return created[normalised] != nil || ContainerPath.ancestors(of: normalised).contains { created[$0] != nil }
    }

    /// Whether a command put content in `path`, in a directory inside it, or in a directory around it after `path`
    /// was created (what went into a parent before `path` existed is not in `path`).
    func isPopulated(_ path: String) -> Bool {
        let since = created[path] ?? 0
        return filled.enumerated().contains { index, directory in
            guard !directory.isEmpty else { return false }  // removed since
            return directory == path || ContainerPath.isAncestor(path, of: directory)
                || (ContainerPath.isAncestor(directory, of: path) && index >= since)
        }
    }

    /// A command puts content in `directory`.
    mutating func fill(_ directory: String) {
        filled.append(directory)
    }

    /// `mkdir` or `install -d` of `path`. With `parents` (mkdir -p), the path may already exist: one that already
    /// holds content, or copied content, is not new.
    mutating func addCreated(_ path: String, parents: Bool = false) {
        guard let normalised = Self.normalise(path, workdir: workdir), created[normalised] == nil else { return }
        if parents
            && (isPopulated(normalised)
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
        // Forgotten in place (creation records index into `filled`): a directory made again later starts empty.
        filled = filled.map { gone($0) ? "" : $0 }
        for path in created.keys where gone(path) { created[path] = nil }
    }

    mutating func addProtected(_ path: String, _ evidence: String) {
        guard let normalised = Self.normalise(path, workdir: workdir),
            !protected.contains(where: { $0.value == normalised })
        else { return }
        protected.append(Evidenced(value: normalised, evidence: evidence, confidence: .high))
    }

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
