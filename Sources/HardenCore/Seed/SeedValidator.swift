/// Checks a draft against every rule of the seed format (see seed-data/README.md) and reports each violation at
/// the field where it was written. Errors stop a build; warnings are for `harden entries lint`.
enum SeedValidator {
    /// Linux capability names as Kubernetes spells them (no `CAP_` prefix), from capabilities(7).
    static let knownCapabilities: Set<String> = [
        "AUDIT_CONTROL", "AUDIT_READ", "AUDIT_WRITE", "BLOCK_SUSPEND", "BPF", "CHECKPOINT_RESTORE", "CHOWN",
        "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "IPC_LOCK", "IPC_OWNER", "KILL", "LEASE",
        "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE", "MKNOD", "NET_ADMIN", "NET_BIND_SERVICE", "NET_BROADCAST",
        "NET_RAW", "PERFMON", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT",
        "SYS_MODULE", "SYS_NICE", "SYS_PACCT", "SYS_PTRACE", "SYS_RAWIO", "SYS_RESOURCE", "SYS_TIME",
        "SYS_TTY_CONFIG", "SYSLOG", "WAKE_ALARM",
    ]

    static func validate(_ draft: SeedDraft, expectedRepository: String?) -> [SeedIssue] {
        var check = Checker(draft: draft)
        check.entry(expectedRepository: expectedRepository)
        return check.issues
    }

    private struct Checker {
        let draft: SeedDraft
        var issues: [SeedIssue] = []

        init(draft: SeedDraft) { self.draft = draft }

        mutating func error(_ field: String, _ message: String) {
            issues.append(SeedIssue(.error, file: draft.file, line: line(for: field), field: field, message: message))
        }

        mutating func warning(_ field: String, _ message: String) {
            issues.append(SeedIssue(.warning, file: draft.file, line: line(for: field), field: field, message: message))
        }

        /// The line of the field, or of its nearest recorded parent.
        private func line(for field: String) -> Int? {
            var candidate = field
            while !candidate.isEmpty {
                if let line = draft.lines[candidate] { return line }
                guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
                candidate = String(candidate[..<cut])
            }
            return nil
        }

        mutating func entry(expectedRepository: String?) {
            repository(expected: expectedRepository)
            aliases()
            sources()
            if !draft.description.isEmpty, draft.description.count > 300 {
                warning("description", "keep the description to one line (under 300 characters)")
            }
            facts(draft.common, at: "common", merged: SeedDraft.Facts())
            variants()
        }

        private mutating func repository(expected: String?) {
            guard !draft.repository.isEmpty else { return }
            do {
                let reference = try ImageReference.parseRepository(draft.repository)
                if reference.repository != draft.repository {
                    error(
                        "repository",
                        "\"\(draft.repository)\" must be written fully qualified as \"\(reference.repository)\"")
                } else if let expected, expected != draft.repository {
                    error(
                        "repository",
                        "\"\(draft.repository)\" does not match the file's place; move the file to images/\(draft.repository).yaml"
                    )
                }
            } catch {
                self.error("repository", error.reason)
            }
        }

        private mutating func aliases() {
            var seen: Set<String> = [draft.repository]
            for (index, alias) in draft.aliases.enumerated() {
                let field = "aliases[\(index)].repository"
                do {
                    let reference = try ImageReference.parseRepository(alias.repository)
                    if reference.repository != alias.repository {
                        error(
                            field,
                            "\"\(alias.repository)\" must be written fully qualified as \"\(reference.repository)\"")
                    }
                } catch {
                    self.error(field, error.reason)
                }
                if !seen.insert(alias.repository).inserted {
                    error(field, "\"\(alias.repository)\" is listed twice (or is the repository itself)")
                }
            }
        }

        private mutating func sources() {
            var ids: Set<String> = []
            let cited = Set(
                ([draft.common] + draft.variants.map(\.facts)).flatMap(\.citedSourceIDs)
                    + draft.variants.flatMap(\.sources))
            for (index, source) in draft.sources.enumerated() {
                let field = "sources[\(index)]"
                if !isIdentifier(source.id) {
                    error("\(field).id", "\"\(source.id)\" must be lower-case letters, digits and \"-\"")
                }
                if !ids.insert(source.id).inserted { error("\(field).id", "\"\(source.id)\" is used twice") }
                if !(source.url.hasPrefix("https://") || source.url.hasPrefix("http://")
                    || source.url.hasPrefix("repo:") || source.url.hasPrefix("image:"))
                {
                    error(
                        "\(field).url",
                        "\"\(source.url)\" must be an http(s) URL, repo:PATH for a file of this repository, or image:SOURCE for an image harden infer read"
                    )
                }
                if source.confidence == .low && source.note == nil {
                    warning("\(field).note", "a low-confidence source should say in `note` what was not verified")
                }
                if source.confidence == .low {
                    warning(
                        "\(field).confidence",
                        "low confidence: facts citing \"\(source.id)\" are not verified against the image")
                }
                if !cited.contains(source.id) { warning(field, "source \"\(source.id)\" is not cited by any fact") }
            }
        }

        private mutating func variants() {
            if draft.variants.isEmpty { return }
            var names: Set<String> = []
            let defaults = draft.variants.filter(\.isDefault).count
            if defaults != 1 {
                error(
                    "variants",
                    defaults == 0
                        ? "no variant is marked `default: true`"
                        : "\(defaults) variants are marked `default: true`; mark exactly one")
            }
            for (index, variant) in draft.variants.enumerated() {
                let field = "variants[\(index)]"
                if !isIdentifier(variant.name) {
                    error("\(field).name", "\"\(variant.name)\" must be lower-case letters, digits and \"-\"")
                }
                if !names.insert(variant.name).inserted {
                    error("\(field).name", "variant \"\(variant.name)\" is defined twice")
                }
                for (tagIndex, pattern) in variant.tags.enumerated() where !TagPattern.isWellFormed(pattern) {
                    error(
                        "\(field).tags[\(tagIndex)]",
                        "\"\(pattern)\" can never match a tag: use letters, digits, \"_.-\" and the wildcards \"*\" and \"?\""
                    )
                }
                if let versions = variant.versions {
                    if let range = VersionRange(versions) {
                        if range.isEmpty { error("\(field).versions", "\"\(versions)\" admits no version") }
                    } else {
                        error("\(field).versions", "\"\(versions)\" is not a version range like \">=1.25, <2\"")
                    }
                }
                if variant.tags.isEmpty && !variant.isDefault {
                    warning(
                        "\(field).tags", "variant \"\(variant.name)\" has no tag patterns: only --variant can select it"
                    )
                }
                if variant.facts.user == nil && draft.common.user == nil {
                    error("\(field).user", "no user: give the variant (or `common`) a user with uid and gid")
                }
                if !variant.sources.isEmpty { citations(variant.sources, at: field) }
                facts(variant.facts, at: field, merged: draft.common)
            }
            overlappingVariants()
        }

        /// Two variants with the same priority and an identical pattern and overlapping versions: file order
        /// silently decides between them.
        private mutating func overlappingVariants() {
            for (i, a) in draft.variants.enumerated() {
                for (j, b) in draft.variants.enumerated()
                where j > i && a.priority == b.priority && a.versions == b.versions {
                    for pattern in a.tags where b.tags.contains(pattern) {
                        warning(
                            "variants[\(j)].tags",
                            "pattern \"\(pattern)\" is also in variant \"\(a.name)\" with the same priority; \"\(b.name)\" can never match it"
                        )
                    }
                }
            }
        }

        /// Checks one set of facts; `merged` holds the common facts a variant's own are added to.
        private mutating func facts(_ facts: SeedDraft.Facts, at field: String, merged: SeedDraft.Facts) {
            let prefix = field == "common" ? "common." : "\(field)."
            if let user = facts.user { self.user(user, at: "\(prefix)user") }

            var writable = Set(merged.writablePaths.map(\.path))
            for (index, path) in facts.writablePaths.enumerated() {
                let at = "\(prefix)writablePaths[\(index)]"
                citations(path.sources, at: at)
                if let problem = ContainerPath.problem(with: path.path) {
                    error("\(at).path", problem)
                } else if ContainerPath.systemRoots.contains(path.path) {
                    error(
                        "\(at).path",
                        "\"\(path.path)\" is a system root; a volume there hides the image's own files, so list the specific subdirectory the image writes"
                    )
                }
                if !writable.insert(path.path).inserted { error("\(at).path", "\"\(path.path)\" is listed twice") }
                if let size = path.sizeLimit, !isQuantity(size) {
                    error("\(at).sizeLimit", "\"\(size)\" is not a Kubernetes quantity like 64Mi or 1Gi")
                }
            }
            let allWritable = merged.writablePaths + facts.writablePaths
            for (index, path) in facts.writablePaths.enumerated() {
                if let child = allWritable.first(where: { ContainerPath.isAncestor(path.path, of: $0.path) }) {
                    warning(
                        "\(prefix)writablePaths[\(index)].path",
                        "\"\(path.path)\" is a parent of writable path \"\(child.path)\"; the child needs no volume of its own"
                    )
                }
            }

            var protected = Set(merged.protectedPaths.map(\.path))
            let allProtected = merged.protectedPaths + facts.protectedPaths
            for (index, path) in facts.protectedPaths.enumerated() {
                let at = "\(prefix)protectedPaths[\(index)]"
                citations(path.sources, at: at)
                if let problem = ContainerPath.problem(with: path.path) { error("\(at).path", problem) }
                if !protected.insert(path.path).inserted { error("\(at).path", "\"\(path.path)\" is listed twice") }
            }
            for (index, path) in facts.writablePaths.enumerated() {
                if let clash = allProtected.first(where: { ContainerPath.overlaps($0.path, path.path) }) {
                    error(
                        "\(prefix)writablePaths[\(index)].path",
                        "\"\(path.path)\" overlaps protected path \"\(clash.path)\"; a volume there would hide image content"
                    )
                }
            }
            for (index, path) in facts.protectedPaths.enumerated() {
                if let clash = merged.writablePaths.first(where: { ContainerPath.overlaps($0.path, path.path) }) {
                    error(
                        "\(prefix)protectedPaths[\(index)].path",
                        "\"\(path.path)\" overlaps writable path \"\(clash.path)\" from common")
                }
            }

            var ports = Set(merged.ports.map { "\($0.port)/\($0.protocol.rawValue)" })
            for (index, port) in facts.ports.enumerated() {
                let at = "\(prefix)ports[\(index)]"
                citations(port.sources, at: at)
                if !(1...65535).contains(port.port) {
                    error("\(at).port", "\(port.port) is not a port number (1 to 65535)")
                }
                if let name = port.name, !isPortName(name) {
                    error(
                        "\(at).name",
                        "\"\(name)\" is not a valid port name (at most 15 lower-case letters, digits and \"-\", with a letter)"
                    )
                }
                if !ports.insert("\(port.port)/\(port.protocol.rawValue)").inserted {
                    error("\(at).port", "\(port.port)/\(port.protocol.rawValue) is listed twice")
                }
            }

            var capabilities = Set(merged.capabilities.map(\.name))
            for (index, capability) in facts.capabilities.enumerated() {
                let at = "\(prefix)capabilities[\(index)]"
                citations(capability.sources, at: at)
                if capability.name.hasPrefix("CAP_") {
                    error(
                        "\(at).name",
                        "write \"\(capability.name.dropFirst(4))\" without the CAP_ prefix, as Kubernetes does")
                } else if !SeedValidator.knownCapabilities.contains(capability.name) {
                    error("\(at).name", "\"\(capability.name)\" is not a Linux capability")
                }
                if !capabilities.insert(capability.name).inserted {
                    error("\(at).name", "\"\(capability.name)\" is listed twice")
                }
            }

            var variables = Set(merged.environment.map(\.name))
            for (index, variable) in facts.environment.enumerated() {
                let at = "\(prefix)environment[\(index)]"
                citations(variable.sources, at: at)
                if !isVariableName(variable.name) {
                    error("\(at).name", "\"\(variable.name)\" is not a valid environment variable name")
                }
                if variable.required && variable.value == nil {
                    error("\(at).value", "a required variable needs a value")
                }
                if variable.required, let value = variable.value, !variable.relocatesData,
                    let data = allWritable.first(where: {
                        $0.data == .persistent && ($0.path == value || ContainerPath.isAncestor($0.path, of: value))
                    })
                {
                    error(
                        "\(at).relocatesData",
                        "\(variable.name)=\(value) points into the persistent data at \(data.path): say `relocatesData: true`, so that fix never moves an existing workload's data"
                    )
                }
                if !variables.insert(variable.name).inserted {
                    error("\(at).name", "\"\(variable.name)\" is listed twice")
                }
                if merged.requiredEnvironment.contains(where: { $0.name == variable.name }) {
                    error("\(at).name", "\"\(variable.name)\" is also under common.requiredEnvironment")
                }
            }

            let setByHarden = Set((merged.environment + facts.environment).map(\.name))
            var required = Set(merged.requiredEnvironment.map(\.name))
            for (index, variable) in facts.requiredEnvironment.enumerated() {
                let at = "\(prefix)requiredEnvironment[\(index)]"
                citations(variable.sources, at: at)
                if !isVariableName(variable.name) {
                    error("\(at).name", "\"\(variable.name)\" is not a valid environment variable name")
                }
                if setByHarden.contains(variable.name) {
                    error(
                        "\(at).name",
                        "\"\(variable.name)\" is also under environment, which harden sets itself: the user supplies a required one, so list it in one place"
                    )
                }
                if !required.insert(variable.name).inserted {
                    error("\(at).name", "\"\(variable.name)\" is listed twice")
                }
            }

            for (index, pitfall) in facts.pitfalls.enumerated() {
                citations(pitfall.sources, at: "\(prefix)pitfalls[\(index)]")
            }
        }

        private mutating func user(_ user: NonRootUser, at field: String) {
            citations(user.sources, at: field)
            if user.uid <= 0 { error("\(field).uid", "uid must be a non-root user id (> 0), got \(user.uid)") }
            if user.gid <= 0 { error("\(field).gid", "gid must be a non-root group id (> 0), got \(user.gid)") }
            if let fsGroup = user.fsGroup, fsGroup <= 0 {
                error("\(field).fsGroup", "fsGroup must be > 0, got \(fsGroup)")
            }
        }

        private mutating func citations(_ ids: [String], at field: String) {
            if ids.isEmpty {
                error("\(field).sources", "cite at least one source id")
                return
            }
            if Set(ids).count != ids.count { error("\(field).sources", "cites the same source twice") }
            let known = Set(draft.sources.map(\.id))
            for id in ids where !known.contains(id) {
                error("\(field).sources", "cites unknown source \"\(id)\"")
            }
        }

        private func isIdentifier(_ text: String) -> Bool {
            !text.isEmpty && text.count <= 63
                && text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
                && text.first != "-" && text.last != "-"
        }

        /// IANA_SVC_NAME as Kubernetes validates container port names.
        private func isPortName(_ name: String) -> Bool {
            name.count <= 15 && isIdentifier(name) && name.contains { $0.isLetter } && !name.contains("--")
        }

        private func isVariableName(_ name: String) -> Bool {
            guard let first = name.first, first.isASCII, first.isLetter || first == "_" else { return false }
            return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        }

        /// A Kubernetes resource quantity in the forms a size limit uses.
        private func isQuantity(_ text: String) -> Bool {
            let suffixes = ["Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "k", "M", "G", "T", "P", "E", ""]
            for suffix in suffixes where text.hasSuffix(suffix) {
                let number = text.dropLast(suffix.count)
                let parts = number.split(separator: ".", omittingEmptySubsequences: false)
                if (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) {
                    return true
                }
            }
            return false
        }
    }
}
