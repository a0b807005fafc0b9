import Yams

/// A mapping's duplicate keys, found as Yams finds them (keys are equal when their nodes are: same text and same
/// resolved tag, so `1` and `"1"` differ) but without hashing every key: keys that are all scalars with distinct
/// text, nearly every mapping, cannot be equal.
enum DuplicateKeys {
    /// `texts` holds the text of each key when every key is a scalar, else nil.
    static func problem(in pairs: [(Node, Node)], texts: [String]?) -> YAMLProblem? {
        guard pairs.count > 1 else { return nil }
        if let texts, areDistinct(texts) { return nil }
        let duplicates = Dictionary(grouping: pairs.map(\.0)) { $0 }.filter { $1.count > 1 }.keys.sorted()
        guard let first = duplicates.first else { return nil }
        // Never the document itself: it may be megabytes, and hold Secrets.
        let names = duplicates.map { $0.string ?? "<uncovertable>" }.sorted().prefix(5)
        let quoted = names.map { "\"\(Quoted.brief($0, limit: 40))\"" }
        return .syntax(line: first.mark?.line ?? 0, message: "duplicate keys: \(quoted.joined(separator: ", "))")
    }

    /// Pairwise for the few keys of a typical mapping, a set for the rest.
    private static func areDistinct(_ texts: [String]) -> Bool {
        guard texts.count > 16 else {
            for index in texts.indices.dropFirst() where texts[..<index].contains(texts[index]) { return false }
            return true
        }
        return Set(texts).count == texts.count
    }
}
