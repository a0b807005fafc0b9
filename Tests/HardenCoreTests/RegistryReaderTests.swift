import Foundation
import HardenCore
import HardenTestSupport
import Testing

/// ImageReader on a real distribution registry: progress lines, and a layer many times the exchange's window (the
/// network held back while the digest check and gunzip lag behind the loopback transfer).
@Suite("ImageReader on a registry", .enabled(if: TestRegistry.available))
struct RegistryReaderTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []
        var all: [String] { lock.withLock { stored } }
        func append(_ line: String) { lock.withLock { stored.append(line) } }
    }

    @Test func reportsEachLayerAndReadsALayerLargerThanTheBuffer() throws {
        let registry = try TestRegistry()
        try RegistryTestImage(extraLayer: try RegistryTestImage.randomLayer(megabytes: 12)).push(
            to: registry, repository: "test/big", tag: "1")
        let lines = Lines()
        let access = RegistryAccess(
            insecureRegistries: [registry.host], progress: lines.append, progressAfter: .zero)
        let image = try ImageReader(registry: access).read(.registry(reference: "\(registry.host)/test/big:1"))
        #expect(image.config.config.user == "app")
        #expect(image.name == "\(registry.host)/test/big:1")
        #expect(lines.all.count == 3, "\(lines.all)")
        #expect(
            lines.all.last?.hasPrefix("pulled layer 3/3 of \(registry.host)/test/big:1: 12.") == true, "\(lines.all)")
    }

    @Test func parsesRegistrySources() throws {
        #expect(try ImageSource.parse("registry:nginx:1.27") == .registry(reference: "nginx:1.27"))
        #expect(ImageSource.looksLikeSource("registry:nginx"))
        #expect(throws: ImageError.self) { try ImageSource.parse("registry:Not A Reference") }
    }
}
