/// The users and groups of an image, from its own `/etc/passwd` and `/etc/group`.
struct ImageAccounts {
    private var users: [String: (uid: Int, gid: Int)] = [:]
    private var groups: [String: Int] = [:]

    init(_ filesystem: ImageFilesystem) {
        for line in (filesystem.text("/etc/passwd") ?? "").split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count >= 4, let uid = Int(fields[2]), let gid = Int(fields[3]) else { continue }
            users[String(fields[0])] = (uid, gid)
        }
        for line in (filesystem.text("/etc/group") ?? "").split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count >= 3, let gid = Int(fields[2]) else { continue }
            groups[String(fields[0])] = gid
        }
    }

    /// A user name or number as a uid; nil for a name the image does not define.
    func uid(of user: String) -> Int? {
        Int(user) ?? users[user]?.uid
    }

    func gid(of group: String) -> Int? {
        Int(group) ?? groups[group]
    }

    /// The primary group of a user name or number.
    func primaryGID(of user: String) -> Int? {
        if let uid = Int(user) { return users.values.first { $0.uid == uid }?.gid }
        return users[user]?.gid
    }
}
