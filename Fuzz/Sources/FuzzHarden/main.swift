import HardenCore

// One libFuzzer target for every reader of untrusted input, chosen by HARDEN_FUZZ_TARGET: `reference`, `manifest`
// (audit and fix), `seed`, `dockerfile`, `log` or `layer` (an image layer: tar or gzip'd tar). Any input may be refused with an error; none may crash, hang or
// exhaust memory. Build and run with Fuzz/run (see CONTRIBUTING.md).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    switch target {
    case "reference":
        if let reference = try? ImageReference.parse(text) {
            // What parses must print back to something that parses to the same reference.
            guard (try? ImageReference.parse(reference.description)) == reference else {
                fatalError("round trip failed for \(reference.description)")
            }
        }
        _ = try? resolver.resolve(text)
    case "manifest":
        let input = ManifestInput(file: "fuzz.yaml", text: text)
        let auditor = Auditor(resolver: resolver)
        _ = try? auditor.audit([input])
        if let fixed = try? ManifestFixer(auditor: auditor).fix(input), let output = fixed.fixed {
            // A fix is idempotent: fixing its output changes nothing.
            let again = try? ManifestFixer(auditor: auditor).fix(ManifestInput(file: "fuzz.yaml", text: output))
            guard again?.changes.isEmpty != false else { fatalError("fix is not idempotent") }
        }
    case "seed":
        let layer = SeedLayer(
            name: "fuzz", root: "fuzz", files: [SeedLayer.File(path: "docker.io/library/fuzz.yaml", contents: text)])
        _ = SeedCatalog.load([layer])
    case "dockerfile":
        _ = try? DockerfileInference(resolver: resolver).infer(text)
    case "log":
        _ = try? Diagnoser(resolver: resolver).diagnose(text, image: "nginx:1.29")
    case "layer":
        var limits = ImageLimits.standard
        limits.layerBytes = 64 << 20
        _ = try? ImageReader(limits: limits).filesystem(
            ofLayer: Array(UnsafeRawBufferPointer(start: start, count: count)))
    default:
        fatalError("unknown HARDEN_FUZZ_TARGET \(target)")
    }
    return 0
}

/// SwiftPM links an executable's entry point as `<module>_main`; this one hands control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafeRawPointer, Int) -> CInt
) -> CInt

@_cdecl("FuzzHarden_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments) { fuzz($0, $1) }
}
