/// Who an image's process runs as: the USER it ships with, and the non-root identity that owns what it writes.
public struct NonRootUser: Codable, Sendable, Equatable {
    /// The image's USER exactly as its Dockerfile writes it (`root` when it sets none): a name or a number.
    public var shipped: String
    public var uid: Int
    public var gid: Int
    /// The group that mounted persistent data must belong to, where the image needs one.
    public var fsGroup: Int?
    /// The image runs as any non-root uid: nothing it ships belongs to `uid`, which is harden's choice, so a
    /// manifest choosing another uid is not a mismatch.
    public var arbitraryUid: Bool
    public var sources: [String]

    public init(
        shipped: String, uid: Int, gid: Int, fsGroup: Int? = nil, arbitraryUid: Bool = false, sources: [String]
    ) {
        self.shipped = shipped
        self.uid = uid
        self.gid = gid
        self.fsGroup = fsGroup
        self.arbitraryUid = arbitraryUid
        self.sources = sources
    }

    /// Whether a shipped USER as a Dockerfile writes it (`root`, `0:0`) starts the image as root.
    public static func isRoot(_ shipped: String) -> Bool {
        let user = shipped.split(separator: ":", maxSplits: 1).first.map(String.init) ?? shipped
        return user == "root" || user == "0"
    }

    /// Whether a shipped USER is a name other than root, which Kubernetes' runAsNonRoot cannot verify without
    /// runAsUser.
    public static func isName(_ shipped: String) -> Bool {
        let user = shipped.split(separator: ":", maxSplits: 1).first.map(String.init) ?? shipped
        return !isRoot(shipped) && Int(user) == nil
    }
}
