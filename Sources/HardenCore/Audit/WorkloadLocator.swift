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
    ]

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

    /// Every object of a document: the document itself, or the items of a `kind: List`.
    public static func objects(in node: Node, file: String, documentIndex: Int) -> (
        objects: [Located], problems: [InputProblem]
    ) {
        guard case .mapping = node, let kind = node.value("kind")?.string,
            let apiVersion = node.value("apiVersion")?.string
        else {
            if node.isNull { return ([], []) }  // an empty document between separators
            return (
                [],
                [
                    InputProblem(
                        file: file, line: node.mark?.line,
                        message: "document \(documentIndex + 1) is not a Kubernetes object (no apiVersion and kind)")
                ]
            )
        }
        if kind == "List" || kind.hasSuffix("List") && node.value("items") != nil {
            var objects: [Located] = []
            var problems: [InputProblem] = []
            for (index, item) in (node.value("items")?.sequence ?? []).enumerated() {
                let found = Self.objects(in: item, file: file, documentIndex: documentIndex)
                objects += found.objects.map { object in
                    var located = object
                    located.itemIndex = index
                    return located
                }
                problems += found.problems
            }
            return (objects, problems)
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
