import Yams

/// Where the pod spec lives in each kind harden audits.
public enum WorkloadLocator {
    /// The path from the object to its pod spec, by kind.
    public static let podSpecPaths: [String: [String]] = [
        "Pod": ["spec"],
        "Deployment": ["spec", "template", "spec"],
        "StatefulSet": ["spec", "template", "spec"],
        "DaemonSet": ["spec", "template", "spec"],
        "ReplicaSet": ["spec", "template", "spec"],
        "ReplicationController": ["spec", "template", "spec"],
        "Job": ["spec", "template", "spec"],
        "CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
        // Custom resources people deploy pods with.
        "Rollout": ["spec", "template", "spec"],
        "ScaledJob": ["spec", "jobTargetRef", "template", "spec"],
    ]

    /// Kubernetes' own kinds that never hold a pod template, by API group (`""` for the core group): an audit reads
    /// only their identity. A kind of another group may share a name (Knative's `Service` holds one).
    static let kindsWithoutPodSpec: [String: Set<String>] = [
        "": [
            "ConfigMap", "Secret", "Service", "ServiceAccount", "Namespace", "PersistentVolumeClaim",
            "PersistentVolume", "Endpoints", "LimitRange", "ResourceQuota",
        ],
        "apiextensions.k8s.io": ["CustomResourceDefinition"],
        "rbac.authorization.k8s.io": ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"],
        "autoscaling": ["HorizontalPodAutoscaler"],
        "networking.k8s.io": ["Ingress", "IngressClass", "NetworkPolicy"],
        "policy": ["PodDisruptionBudget"],
        "admissionregistration.k8s.io": ["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"],
        "storage.k8s.io": ["StorageClass"],
        "scheduling.k8s.io": ["PriorityClass"],
        "apiregistration.k8s.io": ["APIService"],
    ]

    /// Whether an object of this apiVersion (`group/version`, or a version alone for the core group) and kind is
    /// one of `kindsWithoutPodSpec`.
    @Sendable public static func holdsNoPodSpec(apiVersion: String, kind: String) -> Bool {
        let group = apiVersion.firstIndex(of: "/").map { String(apiVersion[..<$0]) } ?? ""
        return kindsWithoutPodSpec[group]?.contains(kind) ?? false
    }

    /// Where any other kind keeps a pod template, tried in order: Knative Services, operators' CRDs...
    static let customResourcePaths: [[String]] = [
        ["spec", "template", "spec"], ["spec", "jobTemplate", "spec", "template", "spec"],
        ["spec", "jobTargetRef", "template", "spec"],
    ]

    /// The path to the object's pod spec: by kind for the known kinds, else the first template path that holds
    /// `containers`; nil when the object has no pod template.
    public static func podSpecPath(for object: Located) -> [String]? {
        if let path = podSpecPaths[object.kind] { return path }
        return customResourcePaths.first { object.node.value(at: $0 + ["containers"])?.sequence != nil }
    }

    /// A Kubernetes object found in a document, with where it came from.
    public struct Located {
        public var kind: String
        public var apiVersion: String
        public var name: String
        public var namespace: String?
        public var file: String
        public var line: Int?
        /// Position of the document in the file, and of the item inside a `kind: List`.
        public var documentIndex: Int
        public var itemIndex: Int?
        public var node: Node
    }

    /// Every object of a document: the document itself, or the items of a `kind: List`; a document that is not a
    /// Kubernetes object is skipped with a note (YAML of another tool in the same directory).
    public static func objects(in node: Node, file: String, documentIndex: Int) -> (
        objects: [Located], skipped: [SkippedInput]
    ) {
        guard case .mapping = node, let kind = node.value("kind")?.string,
            let apiVersion = node.value("apiVersion")?.string
        else {
            if node.isNull { return ([], []) }  // an empty document between separators
            return (
                [],
                [
                    SkippedInput(
                        file: file, line: node.mark?.line,
                        reason: "document \(documentIndex + 1) is not a Kubernetes object (no apiVersion and kind)")
                ]
            )
        }
        if kind == "List" || kind.hasSuffix("List") && node.value("items") != nil {
            var objects: [Located] = []
            var skipped: [SkippedInput] = []
            for (index, item) in (node.value("items")?.sequence ?? []).enumerated() {
                let found = Self.objects(in: item, file: file, documentIndex: documentIndex)
                objects += found.objects.map { object in
                    var located = object
                    located.itemIndex = index
                    return located
                }
                skipped += found.skipped
            }
            return (objects, skipped)
        }
        let metadata = node.value("metadata")
        return (
            [
                Located(
                    kind: kind, apiVersion: apiVersion, name: metadata?.value("name")?.string ?? "(unnamed)",
                    namespace: metadata?.value("namespace")?.string, file: file, line: node.mark?.line,
                    documentIndex: documentIndex, itemIndex: nil, node: node)
            ], []
        )
    }
}
