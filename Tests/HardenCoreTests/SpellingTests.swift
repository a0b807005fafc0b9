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
}
