import Foundation

/// Work split for `DispatchQueue.concurrentPerform`: many small chunks, taken in turn by whichever core is free,
/// since files differ in size (equal halves left one core idle for a tenth of an audit). With fewer than
/// `minimumPerCore` items for each core, fewer cores are used, down to one.
enum WorkChunks {
    static func split<Item>(_ items: [Item], minimumPerCore: Int) -> [ArraySlice<Item>] {
        let cores = max(1, min(ProcessInfo.processInfo.activeProcessorCount, items.count / minimumPerCore))
        let size = cores == 1 ? max(1, items.count) : max(8, (items.count + cores * 32 - 1) / (cores * 32))
        return stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }
}
