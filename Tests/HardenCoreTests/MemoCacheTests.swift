import Foundation
import Testing

@testable import HardenCore

@Suite("Memo bounded in bytes")
struct MemoCacheTests {
    @Test("many distinct answers never hold more than the byte budget")
    func distinctKeysStayInBudget() {
        let budget = 64 << 10
        let memo = MemoCache<Data>(byteBudget: budget)
        for index in 0..<5_000 {
            let answer = memo.value(for: "nginx:1.\(index)") { Data(repeating: 7, count: 900) }
            #expect(answer.count == 900)
            #expect(memo.heldBytes <= budget, "after \(index + 1) answers")
        }
        #expect(memo.heldBytes > 0)
    }

    @Test("a hit is served without computing again")
    func hitIsMemoised() {
        let memo = MemoCache<Data>(byteBudget: 1 << 20)
        var computed = 0
        for _ in 0..<3 {
            _ = memo.value(for: "redis:7") {
                computed += 1
                return Data(count: 10)
            }
        }
        #expect(computed == 1)
    }

    @Test("an answer larger than the whole budget is returned but not kept")
    func oversizedAnswerIsNotKept() {
        let memo = MemoCache<Data>(byteBudget: 1_000)
        let answer = memo.value(for: "huge") { Data(count: 5_000) }
        #expect(answer.count == 5_000)
        #expect(memo.heldBytes == 0)
    }

    @Test("model values are charged by what they hold")
    func modelValuesAreCharged() {
        let short = ApproximateSize.of(
            Resolution.Match(image: "a", variant: "b", via: .canonical, reason: "", assumptions: []))
        let long = ApproximateSize.of(
            Resolution.Match(
                image: "a", variant: "b", via: .canonical, reason: String(repeating: "x", count: 10_000),
                assumptions: ["one", "two"]))
        #expect(long - short >= 10_000)
    }

    @Test("a knowledge-base entry is charged at least what it holds", arguments: shippedEntries.map(\.repository))
    func entriesAreChargedWhatTheyHold(repository: String) throws {
        // A knowledge base of its own: the shared one's memo is filled by tests running alongside.
        let knowledgeBase = try KnowledgeBaseBuilder.inMemory(
            shippedEntries.filter { $0.repository == repository }, mirrors: [])
        let found = try #require(try knowledgeBase.entry(named: repository))
        #expect(knowledgeBase.entries.heldBytes >= ApproximateSize.of(found.entry))
    }
}
