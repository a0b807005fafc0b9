import Foundation
import HardenCore
import Testing
import Yams

/// `--format helm-values --chart`: each preset's values land at the keys its chart reads, as recorded (cited) in
/// Fixtures/helm-chart-keys.yaml.
@Suite("Helm chart presets")
struct HelmPresetTests {
    /// The images each chart runs, one for each of its roles' images, so that the values exercise every role and
    /// the chart's volumes, sysctls and init containers.
    static let images: [String: [String]] = [
        "helm-create": ["cassandra:5"], "grafana/grafana": ["grafana/grafana:12.1.0"],
        "ingress-nginx/ingress-nginx": ["registry.k8s.io/ingress-nginx/controller:v1.15.1"],
        "prometheus-community/prometheus": [
            "quay.io/prometheus/prometheus:v3.5.0", "quay.io/prometheus-operator/prometheus-config-reloader:v0.93.1",
        ],
        "jenkins/jenkins": ["jenkins/jenkins:2.516.1-jdk21"], "bitnami/postgresql": ["bitnami/postgresql:17"],
        "bitnami/redis": ["bitnami/redis:8.2", "bitnami/redis-sentinel:8.2"], "bitnami/mysql": ["bitnami/mysql:9.4"],
        "bitnami/mariadb": ["bitnami/mariadb:12.0"],
    ]

    /// The fixture's `keys` of one preset: dotted path to type.
    static func keyStructure(_ preset: String) throws -> [String: String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(
            path: "Fixtures/helm-chart-keys.yaml")
        let fixture = try #require(try Yams.compose(yaml: try String(contentsOf: url, encoding: .utf8)))
        let keys = try #require(fixture.mapping?[Node(preset)]?.mapping?[Node("keys")]?.mapping, "\(preset)")
        return Dictionary(uniqueKeysWithValues: keys.map { ($0.key.string ?? "", $0.value.string ?? "") })
    }

    func values(_ references: String..., chart: String?) throws -> SpecGenerator.Output {
        var options = GenerateOptions()
        options.format = .helmValues
        options.chart = chart
        return try SpecGenerator(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())).generate(
            references, options: options, encoding: .yaml)
    }

    /// The type of the value at a dotted path of parsed YAML, in the fixture's words.
    static func type(at path: String, in node: Node) -> String? {
        var current = node
        for key in path.split(separator: ".") {
            guard let next = current.mapping?[Node(String(key))] else { return nil }
            current = next
        }
        switch current {
        case .mapping: return "map"
        case .sequence: return "list"
        case .scalar(let scalar): return ["true", "false"].contains(scalar.string) ? "bool" : "string"
        case .alias: return nil
        }
    }

    @Test(arguments: HelmChartPreset.names)
    func everyKeyIsOneTheChartHas(_ name: String) throws {
        let known = try Self.keyStructure(name)
        var options = GenerateOptions()
        options.format = .helmValues
        options.chart = name
        let output = try SpecGenerator(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())).generate(
            try #require(Self.images[name]), options: options, encoding: .yaml)
        let parsed = try #require(try Yams.compose(yaml: output.text))
        let preset = try #require(HelmChartPreset.named(name))
        // Every value written is a key of the chart, with the type the chart gives it.
        var written = Set<String>()
        for key in known.keys where Self.type(at: key, in: parsed) != nil { written.insert(key) }
        for key in written { #expect(Self.type(at: key, in: parsed) == known[key], "\(name): \(key)") }
        let top = try #require(parsed.mapping).keys.compactMap(\.string)
        for key in top { #expect(known.keys.contains { $0 == key || $0.hasPrefix(key + ".") }, "\(name): \(key)") }
        // Both security contexts of every role are written (a sidecar's pod is another role's), and the image key
        // the comments name exists.
        for role in preset.roles {
            if let pod = role.podSecurityContext { #expect(written.contains(pod), "\(name): \(pod)") }
            #expect(written.contains(role.containerSecurityContext), "\(name): \(role.containerSecurityContext)")
            #expect(known[role.imageKey] == "string", "\(name): \(role.imageKey)")
        }
        #expect(output.text.contains("# values for the chart \(name)"))
    }

    @Test func everyWrittenPathIsInTheFixture() throws {
        for name in HelmChartPreset.names {
            let known = Set(try Self.keyStructure(name).keys)
            var options = GenerateOptions()
            options.format = .helmValues
            options.chart = name
            let resolver = Resolver(knowledgeBase: try shippedKnowledgeBase())
            let plan = try SpecPlanner(resolver: resolver).plan(try #require(Self.images[name]), options: options)
            let preset = try #require(HelmChartPreset.named(name))
            let entries = try preset.defaultImageEntries(resolvedBy: resolver)
            let values = try HelmValuesEmitter.values(plan, preset: preset, defaultImageEntries: entries)
            for path in values.document.paths {
                #expect(known.contains(path), "\(name) writes \(path), which its values.yaml does not have")
            }
        }
    }

    /// The case: the grafana chart's `securityContext` is the pod's, `containerSecurityContext` the
    /// container's; the `helm create` layout has them the other way round.
    @Test func grafanaPodAndContainerContextsLandInTheirKeys() throws {
        let grafana = try #require(
            try Yams.load(yaml: try values("grafana/grafana:12.1.0", chart: "grafana").text) as? [String: Any])
        let pod = try #require(grafana["securityContext"] as? [String: Any])
        let container = try #require(grafana["containerSecurityContext"] as? [String: Any])
        #expect(pod["fsGroup"] as? Int == 472 && pod["readOnlyRootFilesystem"] == nil)
        #expect(container["readOnlyRootFilesystem"] as? Bool == true && container["runAsUser"] as? Int == 472)
        // The chart mounts /var/lib/grafana itself: a second volume there would make the pod invalid.
        let mounts = try #require(grafana["extraVolumeMounts"] as? [[String: Any]])
        #expect(!mounts.contains { $0["mountPath"] as? String == "/var/lib/grafana" })

        let scaffold = try #require(
            try Yams.load(yaml: try values("grafana/grafana:12.1.0", chart: nil).text) as? [String: Any])
        #expect((scaffold["securityContext"] as? [String: Any])?["readOnlyRootFilesystem"] as? Bool == true)
        #expect((scaffold["podSecurityContext"] as? [String: Any])?["fsGroup"] as? Int == 472)
    }

    @Test func bitnamiRolesShareOneFileAndAreEnabled() throws {
        let text = try values("bitnami/postgresql:17", chart: "bitnami/postgresql").text
        let parsed = try #require(try Yams.load(yaml: text) as? [String: Any])
        for role in ["primary", "readReplicas"] {
            let settings = try #require(parsed[role] as? [String: Any])
            #expect((settings["containerSecurityContext"] as? [String: Any])?["enabled"] as? Bool == true)
            #expect((settings["podSecurityContext"] as? [String: Any])?["enabled"] as? Bool == true)
        }
    }

    @Test func jsonHasTheSameValuesWithoutComments() throws {
        var options = GenerateOptions()
        options.format = .helmValues
        options.chart = "ingress-nginx"
        let json = try SpecGenerator(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())).generate(
            ["registry.k8s.io/ingress-nginx/controller:v1.15.1"], options: options, encoding: .json
        ).text
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let controller = try #require(object["controller"] as? [String: Any])
        #expect((controller["sysctls"] as? [String: String])?["net.ipv4.ip_unprivileged_port_start"] == "80")
        #expect((controller["podSecurityContext"] as? [String: Any])?["sysctls"] == nil)
    }

    @Test func anUnknownChartIsRefusedWithThePresets() throws {
        #expect {
            try values("nginx:1.29", chart: "acme/unknown")
        } throws: { error in
            guard case .invalidOption(.chart, let message) = error as? GenerateError else { return false }
            return HelmChartPreset.names.allSatisfy(message.contains)
                && (error as? GenerateError)?.category == .invalidOption
        }
    }

    @Test func chartWithoutHelmValuesIsRefused() throws {
        var options = GenerateOptions()
        options.chart = "grafana"
        #expect {
            try SpecPlanner(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())).plan(
                ["nginx:1.29"], options: options)
        } throws: { error in
            guard case .invalidOption(.chart, _) = error as? GenerateError else { return false }
            return true
        }
    }

    @Test func aChartNamesItsPresetWithOrWithoutTheRepository() {
        #expect(HelmChartPreset.named("postgresql")?.name == "bitnami/postgresql")
        #expect(HelmChartPreset.named("bitnami/postgresql")?.name == "bitnami/postgresql")
        #expect(HelmChartPreset.named(nil)?.name == "helm-create")
        #expect(HelmChartPreset.named("acme/postgresql") == nil)
    }
}
