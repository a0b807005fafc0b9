import Foundation
import HardenCore
import HardenTestSupport

/// The entries and mirrors shipped in seed-data/, validated once per test process.
let shippedCatalog: SeedCatalog? = try? DefaultKnowledgeBase.shippedCatalog()
let shippedEntries: [ImageEntry] = shippedCatalog?.entries ?? []

/// One in-memory knowledge base of the shipped entries, shared by the tests that only read it.
private let sharedKnowledgeBase = Result {
    try KnowledgeBaseBuilder.inMemory(shippedEntries, mirrors: shippedCatalog?.mirrors ?? [])
}

/// The shared, read-only knowledge base of the shipped entries.
func shippedKnowledgeBase() throws -> KnowledgeBase {
    try sharedKnowledgeBase.get()
}

/// The package root, for tests that compare with files in the source tree.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
