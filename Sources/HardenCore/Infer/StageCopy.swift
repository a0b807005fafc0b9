/// `COPY --from=STAGE SOURCE DEST` of a directory tree: what the interpreter knows about the directories below
/// SOURCE in that stage arrives below DEST. `FROM scratch` with `COPY --from=STAGE / /` is that stage's filesystem.
extension StageState {
    /// Receives the tree below `source` in `stage` at `destination` (both may be `/`): the empty directories the
    /// stage made there (outside /usr) arrive empty (writable when they were writable there, or when `givesWrite`: the copy's
    /// --chown or --chmod), the directories it made writable in a scratch root arrive writable, and what it copied
    /// in arrives protected. `source` itself is not received: an empty directory copied alone is the caller's case.
    mutating func receive(
        _ source: String, of stage: StageState, at destination: String, givesWrite: Bool, evidence: String
    ) {
        guard let from = Self.normaliseDirectory(source, workdir: stage.workdir),
            let to = Self.normaliseDirectory(destination, workdir: workdir)
        else { return }
        let moved = { (path: String) -> String? in
            guard ContainerPath.isAncestor(from, of: path) else { return nil }
            let below = from == "/" ? path : String(path.dropFirst(from.count))
            return to == "/" ? below : to + below
        }
        let stageName = stage.name.map { " \($0)" } ?? ""
        for path in stage.created.keys.sorted() {
            // Below /usr, an installer may have filled it without naming it (FHS: installed content); a system
            // directory (/var, /etc) copied over the base's keeps the base's content.
            guard let arrived = moved(path), !ContainerPath.covers(mountPath: "/usr", arrived),
                !ContainerPath.systemRoots.contains(arrived), !Self.fhsTopLevel.contains(arrived),
                !stage.isPopulated(path),
                !stage.protected.contains(where: { $0.value == path || ContainerPath.isAncestor(path, of: $0.value) })
            else { continue }
            addCreated(arrived)
            let why = "\(evidence) (the build stage\(stageName) made \(path) empty"
            if givesWrite || stage.writable.contains(where: { $0.value == path }) {
                addWritable(arrived, why + ", writable)", .high)
            } else {
                addStateDirectory(arrived, why + ")")
            }
        }
        for path in stage.writable where !stage.created.keys.contains(path.value) {
            guard let arrived = moved(path.value),
                DockerfileInterpreter.scratchRoots.contains(where: { ContainerPath.isAncestor($0, of: arrived) })
            else { continue }
            addWritable(arrived, "\(evidence) (writable in the build stage\(stageName): \(path.evidence))", .high)
        }
        for path in stage.protected {
            if let arrived = moved(path.value) { addProtected(arrived, "\(evidence) (\(path.evidence))") }
        }
    }

    /// Like `normalise`, but `/` (and `/.`, `.` in the root) is the root directory rather than no path.
    static func normaliseDirectory(_ path: String, workdir: String) -> String? {
        if let normalised = normalise(path, workdir: workdir) { return normalised }
        let absolute = path.hasPrefix("/") ? path : workdir + "/" + path
        let isRoot =
            !path.isEmpty && !path.contains("$") && !path.contains("*")
            && absolute.split(separator: "/").allSatisfy { $0 == "." }
        return isRoot ? "/" : nil
    }
}
