import Foundation
import HardenCore

// harden-bench: the performance targets in the README, measured in one process.
// Run with `swift run -c release harden-bench [audit|generate|scale|build|all]`.

/// Wall-clock seconds of `body`, best of `runs`.
func measure(runs: Int = 3, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

func report(_ name: String, _ value: String, target: String) {
    print(
        "\(name.padding(toLength: 44, withPad: " ", startingAt: 0)) \(value.padding(toLength: 28, withPad: " ", startingAt: 0)) target: \(target)"
    )
}

let catalog = try DefaultKnowledgeBase.shippedCatalog()
let knowledgeBase = try KnowledgeBaseBuilder.inMemory(catalog.entries, mirrors: catalog.mirrors)
let resolver = Resolver(knowledgeBase: knowledgeBase)
let images = catalog.entries.flatMap { entry in
    entry.variants.map {
        "\(entry.repository):\($0.tagPatterns.first?.replacingOccurrences(of: "*", with: "1") ?? "latest")"
    }
}

/// A realistic manifest: a Deployment with an app container and a sidecar, partly hardened.
func manifest(_ index: Int) -> String {
    let image = images[index % images.count]
    let sidecar = images[(index * 7 + 3) % images.count]
    return """
        apiVersion: v1
        kind: Service
        metadata: {name: svc-\(index)}
        spec:
          ports: [{port: 80}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app-\(index)
          namespace: team-\(index % 17)
          labels: {app: app-\(index)}
        spec:
          replicas: 2
          selector: {matchLabels: {app: app-\(index)}}
          template:
            metadata: {labels: {app: app-\(index)}}
            spec:
              securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
              containers:
              - name: app
                image: "\(image)"
                ports: [{containerPort: 8080}]
                securityContext: {readOnlyRootFilesystem: true, allowPrivilegeEscalation: false}
                volumeMounts: [{name: tmp, mountPath: /tmp}]
                resources: {requests: {cpu: 100m, memory: 128Mi}}
              - name: sidecar
                image: "\(sidecar)"
              volumes: [{name: tmp, emptyDir: {}}]

        """
}

func benchAudit() throws {
    let inputs = (0..<10_000).map { ManifestInput(file: "bench-\($0).yaml", text: manifest($0)) }
    var findings = 0
    let seconds = try measure {
        let report = try Auditor(resolver: resolver).audit(inputs)
        findings = report.findings.count
    }
    report(
        "audit 10,000 manifests (20,000 objects)", String(format: "%.2f s (%d findings)", seconds, findings),
        target: "< 2 s")
}

func benchGenerate() throws {
    let generator = SpecGenerator(resolver: resolver)
    let count = 10_000
    let seconds = try measure {
        var options = GenerateOptions()
        for index in 0..<count {
            options.kind = GenerateOptions.Kind.allCases[index % GenerateOptions.Kind.allCases.count]
            _ = try generator.generate([images[index % images.count]], options: options, encoding: .yaml)
        }
    }
    report(
        "generate 10,000 specs (all kinds)", String(format: "%.0f specs/s", Double(count) / seconds),
        target: ">= 10,000 specs/s")
}

/// A synthetic entry: a copy of a real one under another name.
func synthetic(_ template: ImageEntry, _ index: Int) -> ImageEntry {
    var entry = template
    entry.repository = "registry.example.com/bench/image-\(index)"
    entry.aliases = []
    return entry
}

func benchScale() throws {
    let directory = FileManager.default.temporaryDirectory.appending(path: "harden-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var timings: [Int: Double] = [:]
    for size in [100, 100_000] {
        let template = catalog.entries.first { $0.repository == "docker.io/library/redis" } ?? catalog.entries[0]
        let entries = catalog.entries + (0..<(size - catalog.entries.count)).map { synthetic(template, $0) }
        let path = directory.appending(path: "kb-\(size).sqlite").path
        try KnowledgeBaseBuilder.build(entries, mirrors: catalog.mirrors, to: path)
        let scaled = Resolver(knowledgeBase: try KnowledgeBase(path: path))
        let lookups = 2_000
        let seconds = try measure(runs: 5) {
            for index in 0..<lookups {
                _ = try scaled.resolve(
                    index % 2 == 0 ? "nginx:1.29-alpine" : "registry.example.com/bench/image-\(index % 90)")
            }
        }
        timings[size] = seconds / Double(lookups)
        report(
            "resolve in a \(size)-image knowledge base",
            String(format: "%.1f µs per resolve", seconds / Double(lookups) * 1e6),
            target: size == 100 ? "(baseline)" : "<= 1.5x baseline")
    }
    if let small = timings[100], let large = timings[100_000] {
        report("  ratio 100,000 / 100", String(format: "%.2fx", large / small), target: "<= 1.5x")
    }
}

/// The text without one top-level key and its block (aliases would clash between the copies).
func withoutTopLevelBlock(_ key: String, in text: String) -> String {
    var skipping = false
    return text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
        if line.hasPrefix("\(key):") {
            skipping = true
            return false
        }
        if skipping, let first = line.first, first != " ", first != "-", first != "#" { skipping = false }
        return !skipping
    }.joined(separator: "\n")
}

func benchBuild() throws {
    let directory = FileManager.default.temporaryDirectory.appending(path: "harden-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let shipped = SeedLayer.shipped.files
    let files = (0..<1_000).map { index -> SeedLayer.File in
        let source = shipped[index % shipped.count]
        let repository = String(source.path.dropLast(".yaml".count))
        let renamed = "registry.example.com/bench/\(index)/\(repository.split(separator: "/").last ?? "image")"
        let text = withoutTopLevelBlock("aliases", in: source.contents)
            .replacingOccurrences(of: "repository: \(repository)\n", with: "repository: \(renamed)\n")
        return SeedLayer.File(path: "\(renamed).yaml", contents: text)
    }
    let layer = SeedLayer(name: "bench", root: "bench", files: files)
    var built = 0
    let seconds = try measure {
        let loaded = SeedCatalog.load([layer])
        built = loaded.entries.count
        try KnowledgeBaseBuilder.build(loaded, to: directory.appending(path: "kb.sqlite").path)
    }
    report(
        "validate and build 1,000 seed files", String(format: "%.2f s (%d entries)", seconds, built), target: "< 1 s")
}

let which = CommandLine.arguments.dropFirst().first ?? "all"
print("harden-bench (\(catalog.entries.count) shipped entries)")
if which == "audit" || which == "all" { try benchAudit() }
if which == "generate" || which == "all" { try benchGenerate() }
if which == "scale" || which == "all" { try benchScale() }
if which == "build" || which == "all" { try benchBuild() }
