/// Recognises hardening failures in one log line (with the lines around it for stack traces). Each rule says what
/// the failure is about; `Diagnoser` turns that into findings, one per root cause.
enum FailureRecognizer {
    /// What a line shows, before it is placed against mounts and the knowledge base.
    struct Recognition: Equatable {
        var kind: DiagnosisFinding.Kind
        var path: String? = nil
        var port: Int? = nil
        var capability: String? = nil
        /// How the path relates to the directory that must be writable.
        var role: PathRole = .file
    }

    enum PathRole: Equatable {
        /// A file written: its directory must be writable.
        case file
        /// A directory being created: its parent must be writable.
        case created
        /// The directory itself.
        case directory
    }

    nonisolated(unsafe) static let nonNumericUser = #/has non-numeric user/#
    nonisolated(unsafe) static let willRunAsRoot = #/runAsNonRoot and image will run as root/#
    nonisolated(unsafe) static let userSwitch =
        #/(failed switching to|gosu: |su-exec: |setpriv: |setgroups|setuid|setgid|initgroups)[^\n]*(?i:operation not permitted)/#
    nonisolated(unsafe) static let ports: [Regex<(Substring, Substring)>] = [
        #/bind\(\) to \S*:(\d+) failed \(13: Permission denied\)/#,
        #/listen tcp\S* \S*:(\d+): bind: permission denied/#,
        #/cannot bind socket \(Permission denied\) (?:for )?\[\S*:(\d+)\]/#,
        #/AH00072: make_sock: could not bind to address \S*:(\d+)/#,
        #/[Bb]inding to \S*:(\d+)[^\n]*(?i:permission denied)/#,
        #/[Ss]tarting (?:frontend|proxy) \S+: cannot bind socket \S* ?\[\S*:(\d+)\]/#,
    ]
    nonisolated(unsafe) static let execNotPermitted =
        #/exec (?:container process )?`?(/[^\s`]+)`?: (?i:operation not permitted)/#
    nonisolated(unsafe) static let chownNotPermitted =
        #/chown(?:\("|: changing ownership of ')(/[^"']+)["'][^\n]*(?i:operation not permitted)/#
    nonisolated(unsafe) static let chmodNotPermitted =
        #/(?:chmod: changing permissions of '|could not change permissions of directory ")(/[^"']+)["'][^\n]*(?i:operation not permitted)/#
    nonisolated(unsafe) static let readOnly = #/(?i:read-only file system|EROFS|\[Errno 30\]|\(30: )/#
    nonisolated(unsafe) static let readOnlyHint = #/\(read-only file system\?\)/#
    nonisolated(unsafe) static let denied = #/(?i:permission denied|EACCES|\[Errno 13\]|\(13: )/#
    nonisolated(unsafe) static let noTempDirectory = #/No usable temporary directory found in \['(/[^']+)'/#
    nonisolated(unsafe) static let serverRootDirectory = #/\(in server root dir (/[^)\s]+)\)/#
    nonisolated(unsafe) static let notWritable =
        #/(?:'(/[^']+)'|"(/[^"]+)"|(/[^\s'";\]]+)) is not writable|tried \[(/[^\]]+)\]; maybe these locations are not writable/#
    /// Help and usage text describes failures without having them.
    nonisolated(unsafe) static let helpText = #/\(default [^)]*\)\s*$|^Usage of /#
    nonisolated(unsafe) static let ownershipChange = #/\b(chown|chmod|changing ownership|changing permissions)\b/#
    nonisolated(unsafe) static let failureKeyword =
        #/(?i:read-only file system|EROFS|\[Errno 30\]|\(30: |permission denied|EACCES|\[Errno 13\]|\(13: )/#
    nonisolated(unsafe) static let temporaryFileIn = #/temporary (?:file|directory) in (/[^\s,;:'"]+)/#
    nonisolated(unsafe) static let creating =
        #/(?i:mkdir|makedirs|can't create directory|cannot create directory|could not create directory|failed to create directory|unable to create directory)/#
    nonisolated(unsafe) static let absolutePath = #/(?:^|[\s'"(=\[:,])(/[A-Za-z0-9._@+-][^\s'"(),;\]]*)/#

    /// What `line` shows, if anything; `block` is the stack trace the line belongs to; `isWritable` says whether a
    /// path is known to be writable (a volume, or a writable path of the image), which makes a failure to write it
    /// an ownership problem rather than a missing volume.
    static func recognise(
        _ line: String, block: [String], profileCapabilities: [String], isWritable: (String) -> Bool
    ) -> Recognition? {
        if line.contains(helpText) { return nil }
        if line.contains(nonNumericUser) { return Recognition(kind: .namedUser) }
        if line.contains(willRunAsRoot) || line.contains(userSwitch) { return Recognition(kind: .uid) }
        for pattern in ports {
            if let match = line.firstMatch(of: pattern), let port = Int(match.1), port < 1024 {
                return Recognition(kind: .privilegedPort, port: port)
            }
        }
        if line.contains(execNotPermitted) {
            return Recognition(kind: .capability, capability: profileCapabilities.first ?? "NET_BIND_SERVICE")
        }
        if let match = line.firstMatch(of: chownNotPermitted) {
            return Recognition(kind: .capability, path: String(match.1), capability: "CHOWN", role: .directory)
        }
        if let match = line.firstMatch(of: chmodNotPermitted) {
            return Recognition(kind: .fsgroupOwnership, path: String(match.1), role: .directory)
        }
        if let match = line.firstMatch(of: noTempDirectory) {
            return Recognition(kind: .writablePath, path: String(match.1), role: .directory)
        }
        if let match = line.firstMatch(of: notWritable), let path = match.1 ?? match.2 ?? match.3 ?? match.4 {
            let path = String(path)
            return Recognition(kind: isWritable(path) ? .fsgroupOwnership : .writablePath, path: path, role: .directory)
        }
        let isReadOnly = line.contains(readOnly) && !line.contains(readOnlyHint)
        let isDenied = !isReadOnly && line.contains(denied)
        guard isReadOnly || isDenied else { return nil }
        let kind: DiagnosisFinding.Kind = isReadOnly ? .writablePath : .fsgroupOwnership
        if let match = line.firstMatch(of: serverRootDirectory) {
            return Recognition(kind: kind, path: String(match.1), role: .directory)
        }
        let isCreating = line.contains(creating) || block.contains { $0.contains(creating) }
        if let path = path(in: line) {
            let role: PathRole =
                line.contains(ownershipChange) && !(path.split(separator: "/").last ?? "").contains(".")
                ? .directory : (isCreating ? .created : .file)
            return Recognition(kind: kind, path: path, role: role)
        }
        // The path may be on another line of the same trace: "failed to create a temporary file in /tmp".
        for text in block {
            if let match = text.firstMatch(of: temporaryFileIn) {
                return Recognition(kind: kind, path: String(match.1), role: .directory)
            }
        }
        for text in block where !text.hasPrefix("\tat ") && !text.hasPrefix("    at ") {
            if let path = path(in: text) {
                return Recognition(kind: kind, path: path, role: isCreating ? .created : .file)
            }
        }
        return nil
    }

    /// The absolute path nearest to the failure's words ("cannot create /x: Read-only file system", "EROFS: ...,
    /// open '/x'"), leaving out source files of stack frames, URLs and kernel filesystems.
    static func path(in line: String) -> String? {
        let keyword = line.firstMatch(of: failureKeyword)?.range
        var best: (distance: Int, path: String)?
        for match in line.matches(of: absolutePath) {
            var path = String(match.1)
            while let last = path.last, ".:".contains(last) { path.removeLast() }
            if [".java", ".py", ".go", ".js", ".rb", ".php"].contains(where: { path.hasSuffix($0) }) { continue }
            if path.hasPrefix("/dev/") || path.hasPrefix("/proc/") || path == "/" || path.hasPrefix("//") { continue }
            let range = match.1.startIndex..<match.1.endIndex
            let distance =
                keyword.map { keyword in
                    range.upperBound <= keyword.lowerBound
                        ? line.distance(from: range.upperBound, to: keyword.lowerBound)
                        : line.distance(from: keyword.upperBound, to: range.lowerBound)
                } ?? 0
            if abs(distance) < best?.distance ?? Int.max { best = (abs(distance), path) }
        }
        return best?.path
    }
}
