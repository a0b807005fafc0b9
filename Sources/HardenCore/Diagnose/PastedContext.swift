/// What a pasted `kubectl describe pod` says besides events: the container's image and its mounts.
struct PastedContext {
    struct Mount: Equatable {
        var path: String
        var volume: String
        var readOnly: Bool
    }

    var image: String?
    var mounts: [Mount] = []
    /// Mount points Kubernetes' atomic writer reveals (`/etc/config/..data`): ConfigMap, Secret or projected
    /// volumes, read-only by design.
    var atomicWriterMounts: Set<String> = []

    nonisolated(unsafe) static let imageLine = #/^\s+Image:\s+(\S+)\s*$/#
    nonisolated(unsafe) static let mountLine = #/^\s+(/\S*) from (\S+) \((ro|rw)\)/#
    nonisolated(unsafe) static let atomicWriterPath = #/(/[^\s'"]*?)/\.\.(?:data|\d{4}_)/#

    init(_ log: LogLines) {
        for line in log.lines {
            if image == nil, let match = line.original.wholeMatch(of: Self.imageLine) {
                image = String(match.1)
            } else if let match = line.original.firstMatch(of: Self.mountLine) {
                mounts.append(Mount(path: String(match.1), volume: String(match.2), readOnly: match.3 == "ro"))
            }
            for match in line.text.matches(of: Self.atomicWriterPath) { atomicWriterMounts.insert(String(match.1)) }
        }
    }
}

/// Stack traces as blocks of lines, so that a failure deep in a Java or Python trace is reported once, at the
/// trace's first line, with the paths its other lines name.
struct TraceBlocks {
    struct Block {
        var start: Int
        var lines: [Int]
    }

    private var startOf: [Int] = []
    private var members: [Int: [Int]] = [:]

    nonisolated(unsafe) static let javaHeader =
        #/^(Exception in thread |Caused by: |[a-z][\w$]*(\.[\w$]+)+(Exception|Error)(: |$))/#
    nonisolated(unsafe) static let javaContinuation =
        #/^(\s+at |\s*\.\.\. \d+ (more|common frames omitted)|\s+Suppressed: |Caused by: )/#
    nonisolated(unsafe) static let pythonException = #/^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Warning)\b/#

    init(_ log: LogLines) {
        var current: Int?
        var inPython = false
        for (index, line) in log.lines.enumerated() {
            let text = line.text
            if text.hasPrefix("Traceback (most recent call last):") {
                current = index
                inPython = true
            } else if inPython, text.hasPrefix(" ") || text.isEmpty {
                // inside the traceback
            } else if inPython, text.contains(Self.pythonException) {
                inPython = false
                startOf.append(current ?? index)
                members[current ?? index, default: []].append(index)
                current = nil
                continue
            } else if text.contains(Self.javaContinuation), let start = current {
                current = start
            } else if text.contains(Self.javaHeader) {
                if current == nil || !(index > 0 && startOf.last == current) { current = index }
            } else {
                inPython = false
                current = nil
            }
            let start = current ?? index
            startOf.append(start)
            members[start, default: []].append(index)
        }
    }

    func block(containing index: Int) -> Block {
        let start = startOf[index]
        return Block(start: start, lines: members[start] ?? [index])
    }
}
