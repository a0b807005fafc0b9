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
}
