import Testing

@testable import HardenCore

@Suite("Edit distance for suggestions")
struct SpellingTests {
    @Test("a swap of neighbours is one edit")
    func transposition() {
        #expect(Spelling.distance("ngnix", "nginx") == 1)
        #expect(Spelling.distance("", "redis") == 5)
        #expect(Spelling.distance("postgres", "postgresql") == 2)
    }

    @Test("the letters one word lacks never exceed the distance, and rule out unrelated names")
    func letterBoundIsALowerBound() {
        let words = [
            "nginx", "ngnix", "redis", "postgres", "postgresql", "busybox", "alpine", "a", "httpd", "xyz", "aaaa",
            "abab", "ba", "nginx-unprivileged", "",
        ]
        for first in words {
            for second in words {
                let (a, b) = (Array(first.unicodeScalars), Array(second.unicodeScalars))
                let bound = Spelling.lettersMissing(Spelling.letterSet(a), Spelling.letterSet(b))
                #expect(bound <= Spelling.distance(a, b), "\(first) \(second)")
            }
        }
        let myapp = Spelling.letterSet(Array("myapp".unicodeScalars))
        #expect(Spelling.lettersMissing(myapp, Spelling.letterSet(Array("nginx".unicodeScalars))) > 1)
    }

    @Test("with a limit, distances within it are exact and the rest stay above it")
    func limitKeepsTheVerdict() {
        let words = ["nginx", "ngnix", "redis", "postgres", "postgresql", "busybox", "alpine", "a", "httpd", "xyz"]
        for first in words {
            for second in words {
                let (a, b) = (Array(first.unicodeScalars), Array(second.unicodeScalars))
                let exact = Spelling.distance(a, b)
                for limit in 0...4 {
                    let limited = Spelling.distance(a, b, limit: limit)
                    if exact <= limit {
                        #expect(limited == exact, "\(first) \(second) within \(limit)")
                    } else {
                        #expect(limited > limit, "\(first) \(second) over \(limit)")
                    }
                }
            }
        }
    }

    /// Optimal string alignment over the whole matrix, as the textbook writes it: what the banded walk must agree with.
    static func referenceDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }

    @Test("the banded walk agrees with the whole matrix on words of a small alphabet, at every limit")
    func bandedWalkAgreesWithTheWholeMatrix() {
        // A fixed linear congruential sequence: the same words every run, many of them near each other.
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet = Array("abc-".unicodeScalars)
        for _ in 0..<2_000 {
            let a = (0..<next(9)).map { _ in alphabet[next(alphabet.count)] }
            let b = (0..<next(9)).map { _ in alphabet[next(alphabet.count)] }
            let exact = Self.referenceDistance(a, b)
            #expect(
                Spelling.distance(a, b) == exact,
                "\(String(String.UnicodeScalarView(a))) \(String(String.UnicodeScalarView(b)))")
            for limit in 0...5 {
                let limited = Spelling.distance(a, b, limit: limit)
                let words = "\(String(String.UnicodeScalarView(a))) \(String(String.UnicodeScalarView(b))) at \(limit)"
                if exact <= limit {
                    #expect(limited == exact, "\(words)")
                } else {
                    #expect(limited > limit, "\(words)")
                }
            }
        }
    }
}
