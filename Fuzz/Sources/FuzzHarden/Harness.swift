import Foundation
import HardenCore

// Globals live here, not in main.swift: libFuzzer's main runs instead of the module's top-level code, so a global
// in main.swift would never be initialised; these are initialised lazily on first use.

/// The shipped knowledge base in memory, built once per process.
let knowledgeBase: KnowledgeBase = {
    do {
        let catalog = try DefaultKnowledgeBase.shippedCatalog()
        return try KnowledgeBaseBuilder.inMemory(catalog.entries, mirrors: catalog.mirrors)
    } catch {
        fatalError("the shipped knowledge base does not build: \(error)")
    }
}()
let resolver = Resolver(knowledgeBase: knowledgeBase)
let target = ProcessInfo.processInfo.environment["HARDEN_FUZZ_TARGET"] ?? "reference"
