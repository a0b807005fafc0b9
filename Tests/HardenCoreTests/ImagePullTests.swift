import Dispatch
import Foundation
import Synchronization
import Testing

@testable import HardenCore

/// `audit --infer` and `fix --infer` pull each unknown image once, and different images at the same time.
@Suite("Pulls of images the knowledge base does not know")
struct ImagePullTests {
    /// Runs `body` on a thread of its own for each item and waits for all of them.
    func onThreads(_ items: [ImageReference], _ body: @escaping @Sendable (ImageReference) -> Void) {
        let group = DispatchGroup()
        for item in items {
            group.enter()
            Thread {
                body(item)
                group.leave()
            }.start()
        }
        group.wait()
    }

    @Test func differentImagesArePulledAtTheSameTime() throws {
        let secondStarted = DispatchSemaphore(value: 0)
        let overlapped = Atomic<Bool>(false)
        let pull = ImagePull { reference in
            if reference.repository.hasSuffix("/first") {
                // The first pull lasts until the second has started: pulls made one at a time would wait in vain.
                overlapped.store(secondStarted.wait(timeout: .now() + 30) == .success, ordering: .relaxed)
            } else {
                secondStarted.signal()
            }
            return nil
        }
        let first = try ImageReference.parse("registry.example/team/first:1")
        let second = try ImageReference.parse("registry.example/team/second:1")
        onThreads([first, second]) { _ = pull.entry(for: $0) }
        let didOverlap = overlapped.load(ordering: .relaxed)
        #expect(didOverlap)
    }

    @Test func oneImageIsPulledOnceWhoeverAsks() throws {
        let pulls = Atomic<Int>(0)
        let pull = ImagePull { _ in
            pulls.add(1, ordering: .relaxed)
            return nil
        }
        let image = try ImageReference.parse("registry.example/team/app:1")
        onThreads(Array(repeating: image, count: 8)) { _ = pull.entry(for: $0) }
        let pulled = pulls.load(ordering: .relaxed)
        #expect(pulled == 1)
    }
}
