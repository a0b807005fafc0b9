/// Closest-name suggestions for typos: unknown seed keys, unknown images.
public enum Spelling {
    /// The edit distance between two strings, counting a swap of two neighbours as one edit (`ngnix` is one
    /// edit from `nginx`): optimal string alignment.
    public static func distance(_ a: String, _ b: String) -> Int {
        distance(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    /// `distance` over scalars already split out, for callers that compare one word with many (suggestions
    /// compare every unknown image with every known name): three rows in one scratch buffer, no array per row.
    /// With `limit`, any answer above it stands for "more than `limit`": only the cells within `limit` of the
    /// diagonal are computed (a cell `limit` away from it already costs more), and the walk stops once two rows in
    /// a row are all above it, since no later cell can then come back down.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let band = min(max(limit, 0), max(a.count, b.count))
        // Stands for every value above the band; never read as a real distance.
        let over = band + 1
        guard abs(a.count - b.count) <= band else { return over }
        let width = b.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { rows in
            // Where each row starts in `rows`; they rotate after every scalar of `a`.
            var (beforePrevious, previous, current) = (0, width, 2 * width)
            for j in 0..<width {
                rows[beforePrevious + j] = over
                rows[previous + j] = min(j, over)
                rows[current + j] = over
            }
            return a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    var previousLowest = 0
                    for i in 1...a.count {
                        // The band of this row, and the cell before it, which the next rows read. The cells past
                        // its end still hold `over` from the start: no earlier row reached that far.
                        let low = max(1, i - band)
                        let high = min(b.count, i + band)
                        rows[current + low - 1] = low == 1 ? min(i, over) : over

                        var lowest = over
                        for j in low...high {
                            let cost = a[i - 1] == b[j - 1] ? 0 : 1
                            var best = min(
                                rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + cost)
                            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                                best = min(best, rows[beforePrevious + j - 2] + 1)
                            }
                            best = min(best, over)
                            rows[current + j] = best
                            lowest = min(lowest, best)
                        }
                        (beforePrevious, previous, current) = (previous, current, beforePrevious)
                        if lowest > limit && previousLowest > limit { return over }
                        previousLowest = lowest
                    }
                    return rows[previous + b.count]
                }
            }
        }
    }

    /// The letters of a word as a set of 64 bits (a scalar's value modulo 64), for `lettersMissing`.
    static func letterSet(_ word: [Unicode.Scalar]) -> UInt64 {
        word.reduce(0) { $0 | 1 << ($1.value % 64) }
    }

    /// A lower bound of `distance` between two words, from their `letterSet`s: every letter one word has and the
    /// other lacks takes an edit of its own (letters that share a bit only make the bound lower).
    static func lettersMissing(_ a: UInt64, _ b: UInt64) -> Int {
        max((a & ~b).nonzeroBitCount, (b & ~a).nonzeroBitCount)
    }

    /// Whether `part` occurs in `whole`, scalar for scalar.
    static func contains(_ whole: [Unicode.Scalar], _ part: [Unicode.Scalar]) -> Bool {
        guard !part.isEmpty, part.count <= whole.count else { return part.isEmpty }
        return (0...(whole.count - part.count)).contains { start in
            whole[start..<(start + part.count)].elementsEqual(part)
        }
    }

    /// The candidate nearest to `word`, if it is close enough to be a plausible typo.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        let scored = candidates.map { (candidate: $0, score: distance(lowered, $0.lowercased())) }
        guard let best = scored.min(by: { $0.score < $1.score }) else { return nil }
        return best.score <= max(2, word.count / 3) ? best.candidate : nil
    }
}
