import Testing
import Yams

@testable import HardenCore

/// The event composer must build the nodes Yams' composer builds, and refuse what it refuses, with the same lines.
@Suite("YAML event composer")
struct EventComposerTests {
    static let samples = [
        "a: 1\nb: [x, 'y', \"z\"]\nc: {d: e, f: ~}\n",
        "kind: Pod\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n",
        "base: &base {a: 1, b: [2, 3]}\nuse: *base\nlist: [*base, *base]\n",
        "tagged: !!str 5\nint: !!int '7'\ncustom: !thing {x: 1}\nset: !!set {a, b}\n",
        "literal: |\n  line one\n  line two\nfolded: >\n  folded\n  text\nempty:\nnull: null\n",
        "---\na: 1\n---\n- x\n- y\n---\n...\n---\nplain scalar\n",
        "anchor: &a value\n---\nalias: *a\n",
        "'1': quoted\n1: plain\ntrue: plain\n'true': quoted\n",
        "? [complex, key]\n: value\n? {a: b}\n: other\n",
        "unicode: \"h\\u00e9llo \\U0001F600\"\nemoji: 😀 text\nnul: \"a\\0b\"\n",
        "",
        "# only a comment\n",
    ]

    @Test("builds the nodes Yams builds: values, tags, marks and styles", arguments: samples)
    func matchesYams(_ yaml: String) throws {
        var documents = try Yams.compose_all(yaml: yaml, .default, .default, .utf8)
        var expected: [Node] = []
        while let node = documents.next() { expected.append(node) }
        #expect(documents.error == nil)
        let composer = try EventComposer(yaml, resolver: .default)
        var actual: [Node] = []
        while let (node, _) = try composer.nextDocument() { actual.append(node) }
        #expect(actual == expected)
        #expect(zip(actual, expected).allSatisfy { Self.sameDetails($0, $1) })
    }

    @Test("Yams' marks are two Ints, line then column")
    func marksAreBuiltAsYamsBuildsThem() {
        let mark = Mark(line: 3, column: 7)
        #expect(mark.line == 3 && mark.column == 7)
    }

    @Test("refuses what Yams refuses, on the same line")
    func errorsMatchYams() {
        let cases: [(yaml: String, message: String, line: Int)] = [
            ("a: 1\nb: 2\na: 3\n", "duplicate keys: \"a\"", 1),
            ("x: {b: 1}\ny:\n  c: 1\n  d: 2\n  c: 3\n  d: 4\n", "duplicate keys: \"c\", \"d\"", 3),
            ("a: *missing\n", "found undefined alias", 1),
            ("a: 1\nb: [2\nc: 3\n", "", 0),
        ]
        for (yaml, message, line) in cases {
            #expect {
                try SafeYAML.documents(yaml, limits: .manifest)
            } throws: { error in
                guard case .syntax(let reported, let text) = error as? YAMLProblem else { return false }
                return (message.isEmpty || text == message) && (line == 0 || reported == line) && reported != nil
            }
        }
        // Keys are equal when their resolved tags are: a plain 1 and a quoted '1' differ unless both read as text.
        #expect(throws: Never.self) { try SafeYAML.documents("1: a\n'1': b\n", limits: .manifest, resolver: .default) }
        #expect(throws: YAMLProblem.syntax(line: 1, message: "duplicate keys: \"1\"")) {
            try SafeYAML.documents("1: a\n'1': b\n", limits: .manifest, resolver: .basic)
        }
    }

    @Test("an alias bomb without merge keys is refused by the budget, in bounded time")
    func aliasBombIsRefused() {
        var yaml = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...12 {
            yaml +=
                "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        #expect(throws: YAMLProblem.tooManyNodes(limit: YAMLLimits.manifest.maxNodes)) {
            try SafeYAML.documents(yaml, limits: .manifest)
        }
    }

    @Test("the node budget is shared by the documents of a stream")
    func budgetSpansDocuments() throws {
        let limits = YAMLLimits(maxBytes: 1 << 20, maxNodes: 40, maxDepth: 10)
        let document = (0..<5).map { "k\($0): v" }.joined(separator: "\n")
        // Each document charges 11: the mapping, and each of its 5 entries and values.
        #expect(
            try SafeYAML.documents(Array(repeating: document, count: 3).joined(separator: "\n---\n"), limits: limits)
                .count == 3)
        #expect(throws: YAMLProblem.tooManyNodes(limit: 40)) {
            try SafeYAML.documents(Array(repeating: document, count: 4).joined(separator: "\n---\n"), limits: limits)
        }
    }

    /// Marks and styles, which `Node`'s equality leaves out.
    private static func sameDetails(_ lhs: Node, _ rhs: Node) -> Bool {
        guard lhs.mark?.line == rhs.mark?.line, lhs.mark?.column == rhs.mark?.column else { return false }
        switch (lhs, rhs) {
        case (.scalar(let left), .scalar(let right)):
            return left.style == right.style && left.tag.rawValue == right.tag.rawValue
        case (.mapping(let left), .mapping(let right)):
            return left.style == right.style && left.count == right.count
                && zip(left, right).allSatisfy { sameDetails($0.key, $1.key) && sameDetails($0.value, $1.value) }
        case (.sequence(let left), .sequence(let right)):
            return left.style == right.style && left.count == right.count
                && zip(left, right).allSatisfy { sameDetails($0, $1) }
        default:
            return false
        }
    }
}

/// `audit` reads the documents of kinds that hold no pod spec for their identity only.
@Suite("YAML event composer: skimmed documents")
struct SkimmedDocumentTests {
    func documents(_ yaml: String) throws -> [Node] {
        let composer = try EventComposer(yaml, resolver: .basic, skims: WorkloadLocator.holdsNoPodSpec)
        var nodes: [Node] = []
        while let (node, _) = try composer.nextDocument() { nodes.append(node) }
        return nodes
    }

    @Test func aConfigMapKeepsItsIdentityAndNotItsData() throws {
        let yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, annotations: {a: b}}
            data:
              nginx.conf: |
                server { listen 80; }
              more: [1, 2, {x: y}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec: {template: {spec: {containers: [{name: web, image: nginx}]}}}
            """
        let nodes = try documents(yaml)
        #expect(nodes.count == 2)
        #expect(nodes[0].value("metadata")?.value("name")?.string == "settings")
        #expect(nodes[0].value("metadata")?.value("annotations")?.value("a")?.string == "b")
        #expect(nodes[0].value("data")?.isNull == true)
        #expect(nodes[0].value("data")?.mark?.line == 5)
        #expect(nodes[1].value(at: ["spec", "template", "spec", "containers"])?.sequence?.count == 1)
    }

    @Test func anotherGroupsKindOfTheSameNameIsRead() throws {
        let knative = "apiVersion: serving.knative.dev/v1\nkind: Service\nspec: {template: {spec: {containers: []}}}\n"
        #expect(try documents(knative)[0].value(at: ["spec", "template", "spec", "containers"])?.sequence != nil)
        let core = "apiVersion: v1\nkind: Service\nspec: {ports: [{port: 80}]}\n"
        #expect(try documents(core)[0].value("spec")?.isNull == true)
    }

    @Test func valuesBeforeTheKindAreRead() throws {
        let yaml = "data: {a: b}\napiVersion: v1\nkind: ConfigMap\nbinaryData: {c: ZA==}\n"
        let node = try #require(try documents(yaml).first)
        #expect(node.value("data")?.value("a")?.string == "b")
        #expect(node.value("binaryData")?.isNull == true)
    }

    @Test func anAliasToASkippedAnchorIsANull() throws {
        let yaml = "apiVersion: v1\nkind: ConfigMap\ndata: &shared {a: b}\nmetadata: {labels: *shared}\n"
        let node = try #require(try documents(yaml).first)
        #expect(node.value("metadata")?.value("labels")?.isNull == true)
        // Without skimming the same alias is the mapping.
        let composer = try EventComposer(yaml, resolver: .basic)
        #expect(try composer.nextDocument()?.node.value("metadata")?.value("labels")?.value("a")?.string == "b")
    }

    @Test func aSyntaxErrorInsideASkippedValueIsStillAnError() {
        #expect(throws: YAMLProblem.self) {
            try documents("apiVersion: v1\nkind: Secret\ndata: {a: [b}\n")
        }
    }
}
