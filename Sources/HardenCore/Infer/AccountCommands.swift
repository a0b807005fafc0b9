/// Users and groups a Dockerfile creates, read from the options of shadow's useradd/groupadd, BusyBox's
/// adduser/addgroup and Debian's adduser/addgroup. An id the tool allocates at build time is left unknown, except
/// where the distribution makes it predictable: on Debian and Ubuntu, `useradd -r` and `groupadd -r` take the
/// highest free system id (999, then 998...), and base-passwd fixes the ids of accounts such as www-data.
struct Accounts {
    struct User: Equatable {
        var uid: Int?
        /// The primary group: a number, a group name to look up, or unknown.
        var group: String?
        /// Why the id is unknown, when it is.
        var note: String?
        var evidence: String
        /// `useradd -r` without `-u`: the id is allocated at build time, from the top of the system range.
        var systemAllocated = false
        /// The id is the distribution's convention, not written in the Dockerfile.
        var conventional = false
        /// The home directory the tool creates for the user (`useradd -m`, adduser without -H), owned by it.
        var home: String?
        /// The home directory the command names (`useradd -d`, `adduser -h`, `--home`), created or not.
        var declaredHome: String?
    }

    /// The distribution the stage's package manager shows (apt-get, apk).
    var distribution: Distribution?

    var users: [String: User] = [:] {
        didSet { order = order.filter { users[$0] != nil } + users.keys.filter { !order.contains($0) }.sorted() }
    }
    var groups: [String: Int] = [:]
    /// User names in the order the Dockerfile creates them.
    private(set) var order: [String] = []
    /// `groupadd -r` groups without `-g`, in the order the Dockerfile creates them.
    private var systemGroups: [String] = []

    /// Reads one account command; returns the user it creates, if it creates one.
    @discardableResult
    mutating func read(_ command: [String], evidence: String) -> User? {
        guard let tool = command.first.map({ String($0.split(separator: "/").last ?? "") }) else { return nil }
        let arguments = Array(command.dropFirst())
        let before = users
        switch tool {
        case "groupadd": readGroupadd(arguments)
        case "addgroup": readAddgroup(arguments)
        case "useradd": readUseradd(arguments, evidence: evidence)
        case "adduser": readAdduser(arguments, evidence: evidence)
        default: break
        }
        return users.first { name, user in before[name] != user }?.value
    }

    /// The home directory the Dockerfile created for the account with `uid`, and that account's name and evidence.
    func home(ofUID uid: Int) -> (name: String, path: String, evidence: String)? {
        order.lazy.compactMap { name in
            self.users[name].flatMap { user in
                user.uid == uid ? user.home.map { (name, $0, user.evidence) } : nil
            }
        }.first
    }

    /// The home the account with `uid` is given by name (created or not), and that account's name and evidence.
    func declaredHome(ofUID uid: Int) -> (name: String, path: String, evidence: String)? {
        order.lazy.compactMap { name in
            self.users[name].flatMap { user in
                user.uid == uid ? user.declaredHome.map { (name, $0, user.evidence) } : nil
            }
        }.first
    }

    /// Where a user's home is when the tool is not told: /home/NAME. Homes that say "none" are not directories.
    private static func home(_ given: String?, name: String) -> String? {
        let home = given ?? "/home/\(name)"
        return ["/nonexistent", "/dev/null", "/"].contains(home) ? nil : home
    }

    /// The uid and gid `USER` names: numbers, or names created here (or the base's known user).
    func resolve(user: String, group: String?) -> (uid: Int?, gid: Int?, note: String?, conventional: Bool) {
        let fixed = fixedAccounts
        // A numeric USER still takes its group from the account created with that uid.
        let account = Int(user).map { uid in allocatedUsers.values.first { $0.uid == uid } } ?? allocatedUsers[user]
        let uid = Int(user) ?? account?.uid ?? (account == nil ? fixed[user]?.uid : nil)
        let gid: Int? =
            if let group { Int(group) ?? groupID(group) ?? fixed[group]?.gid } else {
                account?.group.flatMap { Int($0) ?? groupID($0) } ?? (account == nil ? fixed[user]?.gid : nil)
            }
        var note = account?.note
        if Int(user) != nil { note = nil }
        if uid == nil && account == nil && fixed[user] == nil {
            note =
                "USER \(user) is a name no RUN line of this Dockerfile creates with an id; Kubernetes' runAsNonRoot cannot verify a named user"
        }
        let conventional = Int(user) == nil && (account?.conventional ?? (Self.wellKnown[user] == nil && uid != nil))
        return (uid, gid, note, conventional)
    }

    /// The user an image without USER steps down to: the one that owns what the Dockerfile chowns, else the last
    /// user it creates, when its uid is known. An owner the Dockerfile does not create may be one of the
    /// distribution's fixed accounts (`chown www-data` on Debian).
    func stepDownUser(owners: [String]) -> (uid: Int, gid: Int?, evidence: String)? {
        let users = allocatedUsers
        let fixed = fixedAccounts
        for owner in owners.reversed() {
            if let user = users[owner], let uid = user.uid {
                return (uid, user.group.flatMap { Int($0) ?? groupID($0) }, user.evidence)
            }
            if users[owner] == nil, let account = fixed[owner], Self.wellKnown[owner] == nil {
                return (account.uid, account.gid, "\(owner) is \(account.uid) on Debian and Ubuntu (base-passwd)")
            }
        }
        guard let user = order.reversed().compactMap({ users[$0] }).first(where: { $0.uid != nil }),
            let uid = user.uid
        else { return nil }
        return (uid, user.group.flatMap { Int($0) ?? groupID($0) }, user.evidence)
    }

    /// Accounts every Linux base image has with the same ids.
    static let wellKnown: [String: (uid: Int, gid: Int)] = ["nobody": (65534, 65534)]

    /// Accounts Debian's base-passwd creates with fixed ids (uid and gid equal) in every Debian and Ubuntu image;
    /// services that run as one of them (www-data above all) need not create it.
    static let debianFixed: [String: (uid: Int, gid: Int)] = [
        "daemon": (1, 1), "bin": (2, 2), "sys": (3, 3), "lp": (7, 7), "mail": (8, 8), "news": (9, 9),
        "uucp": (10, 10), "proxy": (13, 13), "www-data": (33, 33), "backup": (34, 34), "list": (38, 38),
        "irc": (39, 39),
    ]

    /// The accounts this stage's distribution has without creating them.
    private var fixedAccounts: [String: (uid: Int, gid: Int)] {
        distribution == .debian ? Self.wellKnown.merging(Self.debianFixed) { first, _ in first } : Self.wellKnown
    }

    /// The highest system id shadow's useradd and groupadd allocate on Debian and Ubuntu (SYS_UID_MAX,
    /// SYS_GID_MAX in login.defs); each further system account takes the next lower one.
    static let debianSystemIdMax = 999

    /// The users, with the ids Debian allocates to `useradd -r` accounts filled in (first 999, then 998...).
    private var allocatedUsers: [String: User] {
        guard distribution == .debian else { return users }
        var result = users
        var next = Self.debianSystemIdMax
        for name in order where users[name]?.systemAllocated == true {
            result[name]?.uid = next
            result[name]?.conventional = true
            result[name]?.note =
                "useradd -r allocates \(name)'s uid at build time: \(next) on Debian and Ubuntu when no other system account was created before it; set USER to a number"
            next -= 1
        }
        return result
    }

    /// A group's id: given with -g, or allocated by `groupadd -r` on Debian (999, then 998...).
    private func groupID(_ group: String) -> Int? {
        if let gid = groups[group] { return gid }
        guard distribution == .debian, let index = systemGroups.firstIndex(of: group) else { return nil }
        return Self.debianSystemIdMax - index
    }

    private mutating func readGroupadd(_ arguments: [String]) {
        let options = Options(arguments, withValue: ["-g", "--gid", "-K", "--key", "-p", "--password", "-R", "--root"])
        guard let name = options.positional.last else { return }
        if let gid = (options.value("-g") ?? options.value("--gid")).flatMap({ Int($0) }) {
            groups[name] = gid
        } else if options.has("-r") || options.has("--system") {
            systemGroups.append(name)
        }
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
        let createsHome = options.has("-m") || options.has("--create-home")
        users[name] = User(
            uid: uid, group: group, note: note, evidence: evidence, systemAllocated: uid == nil && system,
            home: createsHome ? Self.home(options.value("-d") ?? options.value("--home-dir"), name: name) : nil,
            declaredHome: (options.value("-d") ?? options.value("--home-dir")).flatMap { Self.home($0, name: name) })
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
        users[name] = User(
            uid: uid, group: group, note: note, evidence: evidence,
            home: options.has("-H") ? nil : Self.home(options.value("-h"), name: name),
            declaredHome: options.value("-h").flatMap { Self.home($0, name: name) })
    }

    private mutating func readDebianAdduser(_ arguments: [String], evidence: String) {
        let options = Options(
            arguments,
            withValue: [
                "--uid", "--gid", "--ingroup", "--home", "--shell", "--gecos", "--firstuid", "--lastuid", "--comment",
            ])
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
        // Debian's adduser creates the home unless told not to; a system user has one only when --home names it.
        let given = options.value("--home")
        let createsHome = !options.has("--no-create-home") && (!options.has("--system") || given != nil)
        users[name] = User(
            uid: uid, group: group, note: note, evidence: evidence,
            home: createsHome ? Self.home(given, name: name) : nil,
            declaredHome: given.flatMap { Self.home($0, name: name) })
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
