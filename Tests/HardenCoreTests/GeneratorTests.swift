import HardenCore
import Testing

@Suite("Spec generator")
struct GeneratorTests {
    func generator() throws -> SpecGenerator {
        SpecGenerator(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase()))
    }

    func plan(_ references: [String], _ configure: (inout GenerateOptions) -> Void = { _ in }) throws -> SpecPlan {
        var options = GenerateOptions()
        configure(&options)
        return try SpecPlanner(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())).plan(
            references, options: options)
    }

    /// Every variant of every shipped entry, as `--variant` would select it.
    static let allVariants: [String] = shippedEntries.flatMap { entry in
        entry.variants.map { "\(entry.repository)#\($0.name)" }
    }

    /// The Pod Security Standards restricted profile and harden's immutability rules, checked on a pod spec.
    static func restrictedViolations(_ pod: PodSpec, openshift: Bool = false) -> [String] {
        var problems: [String] = []
        if pod.securityContext?.runAsNonRoot != true { problems.append("pod runAsNonRoot") }
        if pod.securityContext?.seccompProfile?.type != "RuntimeDefault" { problems.append("pod seccomp") }
        if pod.automountServiceAccountToken != false { problems.append("service account token") }
        for sysctl in pod.securityContext?.sysctls ?? [] where sysctl.name != "net.ipv4.ip_unprivileged_port_start" {
            problems.append("unsafe sysctl \(sysctl.name)")
        }
        for container in pod.containers + (pod.initContainers ?? []) {
            let context = container.securityContext
            if context?.readOnlyRootFilesystem != true { problems.append("\(container.name) readOnlyRootFilesystem") }
            if context?.allowPrivilegeEscalation != false {
                problems.append("\(container.name) allowPrivilegeEscalation")
            }
            if context?.privileged != false { problems.append("\(container.name) privileged") }
            if context?.capabilities?.drop != ["ALL"] { problems.append("\(container.name) drop ALL") }
            if !(context?.capabilities?.add ?? []).allSatisfy({ $0 == "NET_BIND_SERVICE" }) {
                problems.append("\(container.name) adds")
            }
            if !openshift {
                if (context?.runAsUser ?? 0) <= 0 { problems.append("\(container.name) runAsUser") }
                if (context?.runAsGroup ?? 0) <= 0 { problems.append("\(container.name) runAsGroup") }
            }
        }
        let volumeNames = (pod.volumes ?? []).map(\.name)
        if Set(volumeNames).count != volumeNames.count { problems.append("duplicate volume names") }
        for name in volumeNames where !KubernetesName.isLabel(name) { problems.append("invalid volume name \(name)") }
        return problems
    }

    @Test(arguments: allVariants)
    func everyVariantGeneratesARestrictedPodThatMountsWhatItWrites(_ key: String) throws {
        let parts = key.split(separator: "#").map(String.init)
        let entry = try #require(shippedEntries.first { $0.repository == parts[0] })
        let variant = try #require(entry.variant(named: parts[1]))
        for kind in [GenerateOptions.Kind.deployment, .statefulset] {
            // A tag of the user's own: with --variant, an untagged image whose :latest is another variant is refused.
            let plan = try plan(["\(entry.repository):harden-test"]) {
                $0.variant = variant.name
                $0.kind = kind
            }
            let pod = KubernetesEmitter.podSpec(plan)
            #expect(Self.restrictedViolations(pod) == [], "\(key) \(kind)")
            let container = try #require(pod.containers.first)
            let mounts = container.volumeMounts ?? []
            for writable in variant.writablePaths {
                #expect(mounts.contains { $0.mountPath == writable.path }, "\(key): \(writable.path) is not mounted")
            }
            for mount in mounts {
                for protected in variant.protectedPaths {
                    #expect(
                        !ContainerPath.overlaps(mount.mountPath, protected.path),
                        "\(key): \(mount.mountPath) hides \(protected.path)")
                }
            }
            let claims = plan.containers[0].volumes.filter(\.claim).map(\.name)
            let declared = Set((pod.volumes ?? []).map(\.name) + claims)
            #expect(Set(mounts.map(\.name)).isSubset(of: declared), "\(key): a mount has no volume")
            #expect(container.securityContext?.runAsUser == variant.user.uid)
            #expect(container.securityContext?.runAsGroup == variant.user.gid)
        }
    }

    struct NameCase: CustomTestStringConvertible, Sendable {
        let text: String
        let label: String
        var testDescription: String { text }
    }

    static let nameCases: [NameCase] = [
        NameCase(text: "/var/cache/nginx", label: "var-cache-nginx"),
        NameCase(text: "/tmp", label: "tmp"),
        NameCase(text: "/usr/local/apache2/logs", label: "usr-local-apache2-logs"),
        NameCase(text: "/data/db_files/.cache", label: "data-db-files-cache"),
        NameCase(text: "/Opt/App", label: "opt-app"),
        NameCase(
            text: "/" + String(repeating: "a", count: 40) + "/" + String(repeating: "b", count: 40),
            label: String(repeating: "a", count: 40) + "-" + String(repeating: "b", count: 22)),
        NameCase(text: "/---", label: "fallback"),
    ]

    @Test(arguments: nameCases)
    func derivesReadableVolumeNamesFromPaths(_ c: NameCase) {
        let label = KubernetesName.label(from: c.text, fallback: "fallback")
        #expect(label == c.label)
        #expect(KubernetesName.isLabel(label))
    }

    @Test func aServiceNameStartsWithALetter() {
        #expect(KubernetesName.serviceName("postgres") == "postgres")
        #expect(KubernetesName.serviceName("3d-api") == "svc-3d-api")
        #expect(KubernetesName.serviceName(String(repeating: "9", count: 63)).count == 63)
    }

    @Test func clashingNamesGetNumberedSuffixes() {
        var taken: Set<String> = []
        #expect(KubernetesName.unique("tmp", in: &taken) == "tmp")
        #expect(KubernetesName.unique("tmp", in: &taken) == "tmp-2")
        #expect(KubernetesName.unique("tmp", in: &taken) == "tmp-3")
    }

    @Test func privilegedPortGetsTheUnprivilegedPortSysctl() throws {
        #expect(try plan(["nginx:1.29"]).unprivilegedPortStart == 80)
        #expect(try plan(["httpd:2.4"]).unprivilegedPortStart == 80)
    }

    @Test func unprivilegedImageNeedsNoSysctl() throws {
        let plan = try plan(["nginxinc/nginx-unprivileged:1.29"])
        #expect(plan.unprivilegedPortStart == nil)
        #expect(KubernetesEmitter.podSpec(plan).securityContext?.sysctls == nil)
    }

    /// caddy has no user of its own, so its uid is harden's choice: one that checkov's CKV_K8S_40 and kube-score
    /// accept (.ci/checkov-accepted.yaml accepts low uids only where they are the image's own), while the file
    /// capability of its binary keeps NET_BIND_SERVICE added.
    @Test func anImageWithoutAUserOfItsOwnRunsAsAHighUID() throws {
        let pod = KubernetesEmitter.podSpec(try plan(["caddy:2"]))
        let context = try #require(pod.containers[0].securityContext)
        #expect(try #require(context.runAsUser) >= 10_000)
        #expect(try #require(context.runAsGroup) >= 10_000)
        #expect(try #require(pod.securityContext?.fsGroup) >= 10_000)
        #expect(context.capabilities?.add == ["NET_BIND_SERVICE"])
    }

    @Test func portOptionReplacesTheKnowledgeBasePorts() throws {
        let plan = try plan(["nginx:1.29"]) { $0.ports = [8080] }
        #expect(plan.containers[0].ports.map(\.port) == [8080])
        #expect(plan.unprivilegedPortStart == nil)
    }

    @Test func openshiftLeavesIdentitiesToTheSCC() throws {
        let plan = try plan(["postgres:16"]) { $0.platform = .openshift }
        let pod = KubernetesEmitter.podSpec(plan)
        #expect(pod.securityContext?.fsGroup == nil)
        #expect(pod.containers[0].securityContext?.runAsUser == nil)
        #expect(pod.containers[0].securityContext?.runAsGroup == nil)
        #expect(pod.containers[0].securityContext?.runAsNonRoot == true)
        #expect(Self.restrictedViolations(pod, openshift: true) == [])
    }

    @Test func unknownImageGetsTheGenericProfileOnlyWhenAskedWithALoudWarning() throws {
        let plan = try plan(["ghcr.io/acme/api:1.0"]) { $0.unknownImage = .generic }
        #expect(plan.containers[0].uid == GenericProfile.uid)
        #expect(plan.containers[0].volumes.map(\.path) == ["/tmp"])
        #expect(plan.notes.contains { $0.level == .warning && $0.text.contains("GENERIC profile") })
    }

    /// A typo must not ship a pod that crashes: an unknown image is an error that names the close entries.
    @Test func anUnknownImageIsRefusedWithSuggestions() throws {
        #expect {
            try plan(["ngnix:1.29"])
        } throws: { error in
            guard case .unknownImage(_, let suggestions) = error as? GenerateError else { return false }
            return suggestions.contains("docker.io/library/nginx")
                && (error as? GenerateError)?.description.contains("--like") == true
        }
    }

    @Test func likeStartsFromAKnownImagesProfile() throws {
        let plan = try plan(["registry.example.com/team/web:2.0"]) { $0.unknownImage = .like("nginx:1.29") }
        #expect(plan.containers[0].uid == 101)
        #expect(plan.containers[0].volumes.map(\.path).contains("/var/cache/nginx"))
        #expect(
            plan.notes.contains {
                $0.level == .warning && $0.text.contains("using the profile of docker.io/library/nginx")
            })
        #expect(throws: GenerateError.self) {
            try self.plan(["registry.example.com/team/web:2.0"]) {
                $0.unknownImage = .like("registry.example.com/other")
            }
        }
    }

    /// Options that do not apply, or are out of range, with the option each error must name.
    nonisolated(unsafe) static let refusedOptions:
        [(name: String, field: GenerateOptions.Field, set: (inout GenerateOptions) -> Void)] = [
            ("schedule on a deployment", .schedule, { $0.schedule = "0 3 * * *" }),
            (
                "replicas on a pod", .replicas,
                {
                    $0.kind = .pod
                    $0.replicas = 2
                }
            ),
            (
                "a statefulset as helm values", .kind,
                {
                    $0.kind = .statefulset
                    $0.format = .helmValues
                }
            ),
            ("a container name outside kustomize", .container, { $0.containerName = "web" }),
            (
                "an invalid cron field", .schedule,
                {
                    $0.kind = .cronjob
                    $0.schedule = "61 * * * *"
                }
            ),
            ("replicas beyond int32", .replicas, { $0.replicas = 3_000_000_000 }),
            ("a duplicate port", .ports, { $0.ports = [8080, 8080] }),
            ("a writable path with a colon", .writable, { $0.writablePaths = ["/data:rw"] }),
            ("a zero-width space in a path", .writable, { $0.writablePaths = ["/da\u{200B}ta"] }),
            ("a path under /proc", .writable, { $0.writablePaths = ["/proc/self"] }),
            (
                "split helm values", .split,
                {
                    $0.format = .helmValues
                    $0.split = true
                }
            ),
            (
                "compose without split", .split,
                {
                    $0.format = .compose
                    $0.split = false
                }
            ),
            (
                "a split pod spec fragment", .split,
                {
                    $0.kind = .container
                    $0.split = true
                }
            ),
        ]

    /// Refused, each naming its option in the shell's words: the CLI's flag, the API's JSON field.
    @Test(arguments: refusedOptions.indices)
    func optionsThatDoNotApplyAreRefused(_ index: Int) throws {
        let (name, field, set) = Self.refusedOptions[index]
        #expect {
            try plan(["nginx:1.29"], set)
        } throws: { error in
            guard case .invalidOption(let reported, _) = error as? GenerateError else { return false }
            let api = (error as? GenerateError)?.message(naming: \.jsonField) ?? ""
            return reported == field && api.hasPrefix(field.jsonField + ":") && !api.contains("--")
        }
        _ = name
    }

    @Test func aUIDAboveInt32IsNotAUserID() {
        #expect(GenerateOptions.UserID("2147483648") == nil)
        #expect(GenerateOptions.UserID("2147483647")?.uid == 2_147_483_647)
    }

    @Test func severalImagesBecomeUniqueContainersAndVolumes() throws {
        let plan = try plan(["nginx:1.29", "nginx:1.29-alpine", "redis:7"])
        #expect(plan.containers.map(\.name) == ["nginx", "nginx-2", "redis"])
        let volumes = plan.containers.flatMap(\.volumes).map(\.name)
        #expect(Set(volumes).count == volumes.count)
        #expect(Self.restrictedViolations(KubernetesEmitter.podSpec(plan)) == [])
    }

    @Test func persistentDataIsAClaimOnlyInAStatefulSet() throws {
        let deployment = try plan(["postgres:16"])
        #expect(deployment.containers[0].volumes.allSatisfy { !$0.claim })
        #expect(deployment.notes.contains { $0.level == .warning && $0.text.contains("LOST") })
        let statefulSet = try plan(["postgres:16"]) { $0.kind = .statefulset }
        #expect(statefulSet.containers[0].volumes.contains { $0.claim && $0.path == "/var/lib/postgresql/data" })
        #expect(statefulSet.fsGroup == 999)
    }

    @Test func seededPathGetsAnInitContainerFromTheSameImage() throws {
        let pod = KubernetesEmitter.podSpec(try plan(["cassandra:5"]))
        let seed = try #require(pod.initContainers?.first)
        #expect(seed.image == "cassandra:5")
        #expect(seed.command?.last?.contains("cp -a /etc/cassandra/. ") == true)
    }

    @Test func writableOptionMayNotHideImageContent() throws {
        #expect(throws: GenerateError.self) { try plan(["httpd:2.4"]) { $0.writablePaths = ["/usr/local/apache2"] } }
        #expect(throws: GenerateError.self) { try plan(["httpd:2.4"]) { $0.writablePaths = ["/usr"] } }
        #expect(throws: GenerateError.self) { try plan(["httpd:2.4"]) { $0.writablePaths = ["relative"] } }
    }

    @Test func runAsWithoutGroupNeverFallsBackToGroupZero() throws {
        let plan = try plan(["ghcr.io/acme/api"]) {
            $0.runAs = GenerateOptions.UserID(uid: 4242, gid: nil)
            $0.unknownImage = .generic
        }
        #expect(plan.containers[0].gid == 4242)
    }

    @Test func splitPlansOneUniquelyNamedWorkloadPerImage() throws {
        let planner = SpecPlanner(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase()))
        var options = GenerateOptions()
        options.ports = [8080]
        let plans = try planner.plans(["nginx:1.29", "postgres:16", "nginx:1.29-alpine"], options: options)
        #expect(plans.map(\.name) == ["nginx", "postgres", "nginx-2"])
        #expect(plans.map { $0.containers.count } == [1, 1, 1])
        // --port is the first image's; each workload has its own fsGroup and sysctl.
        #expect(plans[0].containers[0].ports.map(\.port) == [8080])
        #expect(plans[1].containers[0].ports.map(\.port) == [5432])
        #expect(plans.map(\.unprivilegedPortStart) == [nil, nil, 80])
        #expect(plans[1].fsGroup == 999)
        #expect(plans[1].secretVariables.map(\.name) == ["POSTGRES_PASSWORD"])
        #expect(plans[0].containers[0].volumes.map(\.name) == ["var-cache-nginx", "run"])
        for plan in plans { #expect(Self.restrictedViolations(KubernetesEmitter.podSpec(plan)) == []) }
    }

    @Test func helmValuesLeaveRequiredSettingsToTheChart() throws {
        var options = GenerateOptions()
        options.format = .helmValues
        let output = try generator().generate(["postgres:16"], options: options, encoding: .yaml)
        #expect(!output.text.contains("POSTGRES_PASSWORD"))
        #expect(output.notes.contains { $0.level == .warning && $0.text.contains("chart's own Secret") })
    }

    @Test func helmCreateValuesTakeOneImage() throws {
        var options = GenerateOptions()
        options.format = .helmValues
        #expect(throws: GenerateError.self) {
            try generator().generate(["nginx", "redis"], options: options, encoding: .yaml)
        }
    }
}

@Suite("Compose output")
struct ComposeOutputTests {
    /// Compose interpolates `$`: a literal dollar in a variable must be written `$$`.
    @Test func aDollarInAVariableIsEscaped() throws {
        var options = GenerateOptions()
        options.format = .compose
        var plan = try SpecPlanner(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())).plan(
            ["nginx:1.29"], options: options)
        plan.containers[0].environment = [EnvVar(name: "PASSWORD_HASH", value: "$2y$10$abc")]
        let yaml = try BlockYAMLEncoder().encode(ComposeEmitter.file([plan]))
        #expect(yaml.contains("$$2y$$10$$abc"))
    }
}
