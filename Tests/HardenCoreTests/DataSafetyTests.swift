import HardenCore
import Testing
import Yams

/// `harden fix` never moves where an existing workload keeps its persistent data: a relocating variable or a new
/// volume over a data directory is withheld and reported as a migration, on every kind of data volume.
@Suite("Fix never moves existing data")
struct DataSafetyTests {
    struct Workload: CustomTestStringConvertible, Sendable {
        let name: String
        let image: String
        let dataPath: String
        /// How the data volume is declared: "claimTemplate", "pvc", "hostPath" or "emptyDir".
        let volume: String
        /// Whether a migration must be withheld for it.
        let withholds: Bool
        var testDescription: String { "\(name) on \(volume)" }
    }

    static let workloads: [Workload] = [
        Workload(
            name: "postgres 16", image: "postgres:16", dataPath: "/var/lib/postgresql/data", volume: "claimTemplate",
            withholds: true),
        Workload(
            name: "postgres 16", image: "postgres:16", dataPath: "/var/lib/postgresql/data", volume: "pvc",
            withholds: true),
        Workload(
            name: "postgres 16 alpine", image: "postgres:16-alpine", dataPath: "/var/lib/postgresql/data",
            volume: "hostPath", withholds: true),
        Workload(
            name: "postgres 18 over a pre-18 volume", image: "postgres:18", dataPath: "/var/lib/postgresql/data",
            volume: "pvc", withholds: true),
        Workload(
            name: "postgres 16", image: "postgres:16", dataPath: "/var/lib/postgresql/data", volume: "emptyDir",
            withholds: false),
        Workload(
            name: "mysql", image: "mysql:8.4", dataPath: "/var/lib/mysql", volume: "claimTemplate", withholds: false),
        Workload(name: "mariadb", image: "mariadb:11", dataPath: "/var/lib/mysql", volume: "pvc", withholds: false),
        Workload(name: "mongo", image: "mongo:7", dataPath: "/data/db", volume: "claimTemplate", withholds: false),
        Workload(name: "redis", image: "redis:7", dataPath: "/data", volume: "pvc", withholds: false),
    ]

    static func manifest(_ workload: Workload) -> String {
        let volumes: String =
            switch workload.volume {
            case "pvc": "      volumes:\n      - name: data\n        persistentVolumeClaim: {claimName: data}\n"
            case "hostPath": "      volumes:\n      - name: data\n        hostPath: {path: /srv/data}\n"
            case "emptyDir": "      volumes:\n      - name: data\n        emptyDir: {}\n"
            default: ""
            }
        let templates =
            workload.volume == "claimTemplate"
            ? "  volumeClaimTemplates:\n  - metadata: {name: data}\n    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n"
            : ""
        return """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: shop}
            spec:
              serviceName: db
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers:
                  - name: db
                    image: \(workload.image)
                    volumeMounts:
                    - {name: data, mountPath: \(workload.dataPath)}

            """ + volumes + templates
    }

    static func fixer() throws -> ManifestFixer {
        ManifestFixer(auditor: Auditor(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())))
    }

    @Test(arguments: workloads)
    func fixKeepsTheDataWhereItIs(_ workload: Workload) throws {
        let fixed = try Self.fixer().fix(ManifestInput(file: "db.yaml", text: Self.manifest(workload)))
        #expect(fixed.problems.isEmpty)
        #expect(!fixed.migrations.isEmpty == workload.withholds, "\(fixed.migrations)")
        let text = try #require(fixed.fixed)
        let container = try #require(
            try SafeYAML.documents(text, limits: .manifest).first?.value(at: ["spec", "template", "spec", "containers"]
            )?
            .sequence?.first)
        let mounts = (container.value("volumeMounts")?.sequence ?? []).compactMap { $0.value("mountPath")?.string }
        // The data volume is still mounted where it was, and no new volume sits above it.
        #expect(mounts.contains(workload.dataPath))
        #expect(!mounts.contains { ContainerPath.isAncestor($0, of: workload.dataPath) }, "\(mounts)")
        let env = (container.value("env")?.sequence ?? []).compactMap { $0.value("name")?.string }
        if workload.volume != "emptyDir" { #expect(!env.contains("PGDATA")) }
        if workload.withholds {
            let podContext = try SafeYAML.documents(text, limits: .manifest).first?.value(
                at: ["spec", "template", "spec", "securityContext"])
            #expect(podContext?.value("fsGroupChangePolicy")?.string == "OnRootMismatch")
            let migration = try #require(fixed.migrations.first)
            #expect(migration.steps.contains { $0.contains("kubectl scale statefulset/db -n shop --replicas=0") })
        }
    }

    /// A fresh StatefulSet from `generate` already carries what it needs: fix has nothing to move.
    @Test func aGeneratedStatefulSetNeedsNoMigration() throws {
        var options = GenerateOptions()
        options.kind = .statefulset
        let generated = try SpecGenerator(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase()))
            .generate(["postgres:16"], options: options, encoding: .yaml)
        let fixed = try Self.fixer().fix(ManifestInput(file: "generated.yaml", text: generated.text))
        #expect(fixed.migrations.isEmpty)
        #expect(fixed.changes.isEmpty, "\(fixed.changes)")
    }
}
