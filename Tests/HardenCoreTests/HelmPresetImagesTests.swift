import Foundation
import HardenCore
import Testing
import Yams

/// `--format helm-values --chart` with several images: each image fills the roles whose default image it is, in one
/// values file; an image of no role, two images for one role, and several images for a chart of one image are
/// refused.
@Suite("Helm chart presets: several images")
struct HelmPresetImagesTests {
    func values(_ references: [String], chart: String?) throws -> SpecGenerator.Output {
        var options = GenerateOptions()
        options.format = .helmValues
        options.chart = chart
        return try SpecGenerator(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())).generate(
            references, options: options, encoding: .yaml)
    }

    func parsed(_ references: [String], chart: String?) throws -> [String: Any] {
        try #require(try Yams.load(yaml: try values(references, chart: chart).text) as? [String: Any])
    }

    /// The usage error's message, when `body` throws one about the images.
    func refusal(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as GenerateError {
            guard case .invalidOption(.references, let message) = error else { return nil }
            return message
        } catch {
            return nil
        }
    }

    @Test(arguments: HelmChartPreset.names)
    func aSidecarRunsInTheChartsOwnWorkloads(_ name: String) throws {
        let preset = try #require(HelmChartPreset.named(name))
        let workloads = Set(preset.roles.filter { $0.podSecurityContext != nil }.map(\.name))
        #expect(Set(preset.roles.map(\.name)).count == preset.roles.count, "\(name): role names are unique")
        for role in preset.roles {
            #expect((role.podSecurityContext == nil) == !role.runsIn.isEmpty, "\(name): \(role.name)")
            #expect(role.runsIn.allSatisfy(workloads.contains), "\(name): \(role.name) runs in \(role.runsIn)")
        }
    }

    /// Every image a role runs has a knowledge-base entry (under its name or as an alias), so that naming it
    /// generates values.
    @Test func everyRolesImageIsInTheKnowledgeBase() throws {
        let resolver = Resolver(knowledgeBase: try shippedKnowledgeBase())
        for preset in HelmChartPreset.all {
            for image in preset.roles.compactMap(\.defaultImage) {
                #expect(try resolver.resolve(image).match != nil, "\(preset.name): \(image)")
            }
        }
    }

    @Test func redisAndItsSentinelShareOneFile() throws {
        let redis = try parsed(["bitnami/redis:8.2", "bitnami/redis-sentinel:8.2"], chart: "bitnami/redis")
        let sentinel = try #require(redis["sentinel"] as? [String: Any])
        let context = try #require(sentinel["containerSecurityContext"] as? [String: Any])
        #expect(context["enabled"] as? Bool == true && context["runAsUser"] as? Int == 1001)
        #expect(context["readOnlyRootFilesystem"] as? Bool == true)
        #expect(sentinel["podSecurityContext"] == nil)
        // The sentinel's volumes join the replica's in one pod: their names must differ.
        let replica = try #require(redis["replica"] as? [String: Any])
        let names = { (settings: [String: Any]) in
            ((settings["extraVolumes"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
        }
        #expect(!names(sentinel).isEmpty && Set(names(sentinel)).isDisjoint(with: names(replica)))
        // The chart mounts sentinel-data on the sentinel's etc itself.
        let mounts = try #require(sentinel["extraVolumeMounts"] as? [[String: Any]])
        #expect(!mounts.contains { $0["mountPath"] as? String == "/opt/bitnami/redis-sentinel/etc" })
        #expect(redis["master"] != nil && (replica["podSecurityContext"] as? [String: Any])?["fsGroup"] as? Int == 1001)
    }

    @Test func imagesMatchTheirRoleUnderAnyRegistryAndInAnyOrder() throws {
        let reference = try parsed(["bitnami/redis:8.2", "bitnami/redis-sentinel:8.2"], chart: "redis")
        for images in [
            ["docker.io/bitnami/redis-sentinel:8.2", "bitnami/redis:8.2"],
            ["bitnamilegacy/redis-sentinel:8.2", "public.ecr.aws/bitnami/redis:8.2"],
        ] {
            let redis = try parsed(images, chart: "redis")
            #expect(Set(redis.keys) == Set(reference.keys), "\(images)")
            #expect((redis["sentinel"] as? [String: Any])?["containerSecurityContext"] != nil, "\(images)")
        }
        // A registry the knowledge base does not know (a team's mirror, run with another entry's profile) matches
        // on the repository path.
        var options = GenerateOptions()
        options.format = .helmValues
        options.chart = "redis"
        options.unknownImage = .like("bitnami/redis-sentinel")
        let mirrored = try SpecGenerator(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())).generate(
            ["bitnami/redis:8.2", "registry.example.com/bitnami/redis-sentinel:8.2"], options: options, encoding: .yaml)
        #expect(
            mirrored.text.contains(
                "# these settings are for registry.example.com/bitnami/redis-sentinel:8.2 (sentinel."))
    }

    @Test func oneSidecarImageFillsItsRoleAlone() throws {
        let output = try values(["bitnami/redis-sentinel:8.2"], chart: "bitnami/redis")
        let redis = try #require(try Yams.load(yaml: output.text) as? [String: Any])
        #expect((redis["sentinel"] as? [String: Any])?["containerSecurityContext"] != nil)
        #expect((redis["master"] as? [String: Any])?["containerSecurityContext"] == nil)
        #expect(output.text.contains("# the chart runs its sentinel container only with sentinel.enabled: true"))
        #expect(output.notes.contains { $0.level == .info && $0.text.contains("sentinel.enabled") })
    }

    /// A sidecar alone cannot hold its pod's settings: a warning says what the pods it runs in must set.
    @Test func aSidecarAloneSaysWhatItsPodMustSet() throws {
        var options = GenerateOptions()
        options.format = .helmValues
        options.chart = "bitnami/redis"
        options.ports = [80]
        let output = try SpecGenerator(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())).generate(
            ["bitnami/redis-sentinel:8.2"], options: options, encoding: .yaml)
        #expect(
            output.notes.contains {
                $0.level == .warning && $0.text.contains("the replica pods, which sentinel runs in, need sysctl")
            }, "\(output.notes)")
        // With the redis image too, the replica's pod security context carries it.
        let both = try SpecGenerator(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())).generate(
            ["bitnami/redis-sentinel:8.2", "bitnami/redis:8.2"], options: options, encoding: .yaml)
        #expect(!both.notes.contains { $0.text.contains("which sentinel runs in") })
    }

    @Test func theConfigReloaderGetsItsOwnKeysInThePrometheusFile() throws {
        let prometheus = try parsed(
            ["quay.io/prometheus/prometheus:v3.5.0", "quay.io/prometheus-operator/prometheus-config-reloader:v0.93.1"],
            chart: "prometheus")
        let reload = try #require((prometheus["configmapReload"] as? [String: Any])?["prometheus"] as? [String: Any])
        let context = try #require(reload["containerSecurityContext"] as? [String: Any])
        #expect(context["runAsUser"] as? Int == 65534 && context["readOnlyRootFilesystem"] as? Bool == true)
        #expect((prometheus["server"] as? [String: Any])?["securityContext"] != nil)
        // Docker Hub's name of the server is the same knowledge-base entry as the chart's quay.io default.
        let hub = try values(
            ["prom/prometheus:v3.5.0", "quay.io/prometheus-operator/prometheus-config-reloader:v0.93.1"],
            chart: "prometheus")
        #expect(!hub.notes.contains { $0.text.contains("but the chart runs") }, "\(hub.notes)")
        // The server alone writes no reloader keys, as before.
        #expect(try parsed(["quay.io/prometheus/prometheus:v3.5.0"], chart: "prometheus")["configmapReload"] == nil)
    }

    @Test func anImageOfNoRoleIsRefusedWithTheRoles() throws {
        let message = refusal { _ = try values(["bitnami/redis:8.2", "nginx:1.29"], chart: "bitnami/redis") }
        #expect(message?.contains("nginx:1.29") == true, "\(message ?? "")")
        #expect(message?.contains("master and replica run docker.io/bitnami/redis") == true, "\(message ?? "")")
        #expect(message?.contains("sentinel runs docker.io/bitnami/redis-sentinel") == true, "\(message ?? "")")
    }

    @Test func twoImagesForOneRoleAreRefused() throws {
        let message = refusal {
            _ = try values(["bitnami/redis:8.2", "bitnamilegacy/redis:7.4"], chart: "bitnami/redis")
        }
        #expect(message?.contains("both the master image") == true, "\(message ?? "")")
    }

    /// helm-create and the other charts of one image name the presets that take several.
    @Test(arguments: [nil, "grafana/grafana", "bitnami/postgresql"])
    func aChartOfOneImageRefusesSeveral(_ chart: String?) throws {
        #expect(HelmChartPreset.severalImageNames == ["prometheus-community/prometheus", "bitnami/redis"])
        let message = refusal { _ = try values(["grafana/grafana:12.1.0", "nginx:1.29"], chart: chart) }
        #expect(message?.contains("runs one image") == true, "\(message ?? "")")
        #expect(HelmChartPreset.severalImageNames.allSatisfy { message?.contains($0) == true }, "\(message ?? "")")
    }
}
