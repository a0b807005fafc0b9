/// Users and groups a Dockerfile creates, read from the options of shadow's useradd/groupadd, BusyBox's
/// adduser/addgroup and Debian's adduser/addgroup. An id the tool allocates at build time (a system user without
/// `-u`) is left unknown rather than guessed.
struct Accounts {
    struct User: Equatable {
        var uid: Int?
        /// The primary group: a number, a group name to look up, or unknown.
        var group: String?
        /// Why the id is unknown, when it is.
        var note: String?
        var evidence: String
    }

    var users: [String: User] = [:] {
        didSet { order = order.filter { users[$0] != nil } + users.keys.filter { !order.contains($0) }.sorted() }
    }
    var groups: [String: Int] = [:]
    /// User names in the order the Dockerfile creates them.
    private(set) var order: [String] = []

    mutating func read(_ command: [String], evidence: String) {
        guard let tool = command.first.map({ String($0.split(separator: "/").last ?? "") }) else { return }
        let arguments = Array(command.dropFirst())
        switch tool {
        case "groupadd": readGroupadd(arguments)
        case "addgroup": readAddgroup(arguments)
        case "useradd": readUseradd(arguments, evidence: evidence)
        case "adduser": readAdduser(arguments, evidence: evidence)
        default: break
        }
    }

    /// The uid and gid `USER` names: numbers, or names created here (or the base's known user).
    func resolve(user: String, group: String?) -> (uid: Int?, gid: Int?, note: String?) {
        // A numeric USER still takes its group from the account created with that uid.
        let account = Int(user).map { uid in users.values.first { $0.uid == uid } } ?? users[user]
        let uid = Int(user) ?? account?.uid ?? (account == nil ? Self.wellKnown[user]?.uid : nil)
        let gid: Int? =
            if let group { Int(group) ?? groups[group] ?? Self.wellKnown[group]?.gid } else {
                account?.group.flatMap { Int($0) ?? groups[$0] } ?? (account == nil ? Self.wellKnown[user]?.gid : nil)
            }
        var note = account?.note
        if Int(user) != nil { note = nil }
        if uid == nil && account == nil && Self.wellKnown[user] == nil {
            note =
                "USER \(user) is a name no RUN line of this Dockerfile creates with an id; Kubernetes' runAsNonRoot cannot verify a named user"
        }
        return (uid, gid, note)
    }

    /// The user an image without USER steps down to: the one that owns what the Dockerfile chowns, else the last
    /// user it creates, when its uid is known.
    func stepDownUser(owners: [String]) -> (uid: Int, gid: Int?, evidence: String)? {
        let candidates = owners.reversed().compactMap { users[$0] } + order.reversed().compactMap { users[$0] }
        guard let user = candidates.first(where: { $0.uid != nil }), let uid = user.uid else { return nil }
        return (uid, user.group.flatMap { Int($0) ?? groups[$0] }, user.evidence)
    }

    /// Accounts every Linux base image has with the same ids.
    static let wellKnown: [String: (uid: Int, gid: Int)] = ["nobody": (65534, 65534)]

    private mutating func readGroupadd(_ arguments: [String]) {
        let options = Options(arguments, withValue: ["-g", "--gid", "-K", "--key", "-p", "--password", "-R", "--root"])
        guard let name = options.positional.last else { return }
        if let gid = (options.value("-g") ?? options.value("--gid")).flatMap({ Int($0) }) { groups[name] = gid }
    }

    private mutating func readAddgroup(_ arguments: [String]) {
        let options = Options(arguments, withValue: ["-g", "--gid"])
        // BusyBox: `addgroup [-g GID] [-S] GROUP` or `addgroup USER GROUP` (adds a user to a group).
        guard options.positional.count == 1, let name = options.positional.first else { return }
        if let gid = (options.value("-g") ?? options.value("--gid")).flatMap({ Int($0) }) { groups[name] = gid }
    }

    private mutating func readUseradd(_ arguments: [String], evidence: String) {
        let options = Options(
            arguments,
            withValue: [
                "-u", "--uid", "-g", "--gid", "-G", "--groups", "-d", "--home-dir", "-s", "--shell", "-c", "--comment",
                "-k", "--skel", "-e", "--expiredate", "-f", "--inactive", "-K", "--key", "-p", "--password", "-R",
                "--root", "-b", "--base-dir", "-Z", "--selinux-user",
            ])
        guard let name = options.positional.last else { return }
        let uid = (options.value("-u") ?? options.value("--uid")).flatMap { Int($0) }
        let system = options.has("-r") || options.has("--system")
        var group = options.value("-g") ?? options.value("--gid")
        var note: String? = nil
        if group == nil {
            if options.has("-N") || options.has("--no-user-group") {
                note = "useradd -N puts \(name) in the default group, whose id depends on the base image"
            } else if let uid, !system {
                group = String(uid)  // USERGROUPS_ENAB: a group named like the user, with the uid as its id
            } else {
                note = "\(name)'s group is created by useradd with an id allocated at build time"
            }
        }
        if uid == nil { note = "useradd allocates \(name)'s uid at build time (no -u): set USER to a number" }
        users[name] = User(uid: uid, group: group, note: note, evidence: evidence)
    }

    private mutating func readAdduser(_ arguments: [String], evidence: String) {
        if arguments.contains(where: { $0.hasPrefix("--") }) {
            readDebianAdduser(arguments, evidence: evidence)
            return
        }
        // BusyBox: adduser [-h DIR] [-g GECOS] [-s SHELL] [-G GROUP] [-S] [-D] [-H] [-u UID] [-k SKEL] USER [GROUP]
        let options = Options(arguments, withValue: ["-h", "-g", "-s", "-G", "-u", "-k"])
        guard let name = options.positional.first else { return }
        if options.positional.count == 2 { return }  // `adduser USER GROUP` adds to a group
        let uid = options.value("-u").flatMap { Int($0) }
        var group = options.value("-G")
        var note: String? = nil
        if group == nil {
            if options.has("-S") {
                note = "BusyBox adduser -S without -G puts \(name) in the base image's nogroup"
            } else if let uid {
                group = String(uid)
            }
        }
        if uid == nil { note = "adduser allocates \(name)'s uid at build time (no -u): set USER to a number" }
        users[name] = User(uid: uid, group: group, note: note, evidence: evidence)
    }

    private mutating func readDebianAdduser(_ arguments: [String], evidence: String) {
        let options = Options(
            arguments,
            withValue: ["--uid", "--gid", "--ingroup", "--home", "--shell", "--gecos", "--firstuid", "--lastuid"])
        guard let name = options.positional.last else { return }
        if options.positional.count == 2 && !options.has("--system") { return }  // `adduser USER GROUP`
        if options.has("--group") && options.has("--system") && options.value("--uid") == nil {
            users[name] = User(
                uid: nil, group: name, note: "adduser --system allocates \(name)'s uid at build time",
                evidence: evidence)
            return
        }
        let uid = options.value("--uid").flatMap { Int($0) }
        var group = options.value("--gid") ?? options.value("--ingroup")
        var note: String? = nil
        if group == nil {
            if options.has("--system") {
                note = "adduser --system without --group puts \(name) in nogroup"
            } else if let uid {
                group = String(uid)
            }
        }
        if uid == nil { note = "adduser allocates \(name)'s uid at build time (no --uid): set USER to a number" }
        users[name] = User(uid: uid, group: group, note: note, evidence: evidence)
    }

    /// Options with values, flags and positional words of one command.
    struct Options {
        private var values: [String: String] = [:]
        private var flags: Set<String> = []
        var positional: [String] = []

        init(_ arguments: [String], withValue: Set<String>) {
            var index = 0
            while index < arguments.count {
                let word = arguments[index]
                if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
                    values[String(word[..<equals])] = String(word[word.index(after: equals)...])
                } else if withValue.contains(word), index + 1 < arguments.count {
                    values[word] = arguments[index + 1]
                    index += 1
                } else if word.hasPrefix("-") && word.count > 2 && !word.hasPrefix("--") {
                    // Bundled short flags (-SD), or a short option with its value attached (-u1000).
                    let option = "-" + String(word.dropFirst().prefix(1))
                    if withValue.contains(option) {
                        values[option] = String(word.dropFirst(2))
                    } else {
                        for flag in word.dropFirst() { flags.insert("-\(flag)") }
                    }
                } else if word.hasPrefix("-") {
                    flags.insert(word)
                } else {
                    positional.append(word)
                }
                index += 1
            }
        }

        func value(_ option: String) -> String? { values[option] }
        func has(_ flag: String) -> Bool { flags.contains(flag) }
    }
}
