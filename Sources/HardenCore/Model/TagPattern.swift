/// Glob matching of tags against variant patterns: `*` matches any run of characters, `?` exactly one.
public enum TagPattern {
    /// Characters a tag pattern may contain: the tag alphabet plus the two wildcards.
    static let allowedCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-*?")

    public static func matches(_ pattern: String, _ tag: String) -> Bool {
        let p = Array(pattern.utf8)
        let t = Array(tag.utf8)
        var pi = 0
        var ti = 0
        var star = -1
        var resume = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == UInt8(ascii: "?") || p[pi] == t[ti]) {
                pi += 1
                ti += 1
            } else if pi < p.count && p[pi] == UInt8(ascii: "*") {
                star = pi
                resume = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                resume += 1
                ti = resume
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }

    /// Whether the pattern uses only characters a tag or a wildcard can be.
    public static func isWellFormed(_ pattern: String) -> Bool {
        !pattern.isEmpty && pattern.count <= 128 && pattern.allSatisfy { allowedCharacters.contains($0) }
    }
}
