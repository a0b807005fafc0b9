import Testing
import Yams

@testable import HardenCore

/// The check an edited manifest must pass before `harden fix` keeps it: the text, read event by event, holds
/// exactly the fixed documents.
@Suite("Reading an edited text back")
struct ReadBackTests {
    static let fixed = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, labels: {app: web}}
        spec:
          containers:
          - name: web
            image: nginx
            ports: [{containerPort: 8080}]
            securityContext:
              readOnlyRootFilesystem: true
              runAsUser: 101
          volumes: []
        ---
        kind: ConfigMap
        data:
          port: "8080"
          script: |
            echo hi

        """

    static func documents(_ text: String) throws -> [Node] {
        try SafeYAML.documents(text, limits: .manifest, resolver: .basic)
    }

    @Test func theSameContentInAnotherLayoutMatches() throws {
        let relaid = """
            apiVersion: "v1"
            kind: Pod
            metadata:
              name: 'web'
              labels: {app: web}
            spec:
              containers: [{name: web, image: nginx, ports: [{containerPort: 8080}], securityContext: {readOnlyRootFilesystem: true, runAsUser: 101}}]
              volumes: []
            ---
            kind: ConfigMap
            data: {port: '8080', script: "echo hi\\n"}
            """
        #expect(ReadBack.matches(Self.fixed, try Self.documents(Self.fixed)))
        #expect(ReadBack.matches(relaid, try Self.documents(Self.fixed)))
    }

    @Test(
        arguments: [
            ("runAsUser: 101", "runAsUser: 102"),  // another value
            ("runAsUser: 101", "runAsUser: '101'"),  // a string where a number was
            ("port: \"8080\"", "port: 8080"),  // a number where a string was
            ("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: \"true\""),
            ("      runAsUser: 101\n", ""),  // a key missing
            ("      runAsUser: 101\n", "      runAsUser: 101\n      privileged: false\n"),  // a key too many
            ("  volumes: []", "  volumes: [{name: x}]"),  // an item too many
            ("  volumes: []", "  volumes: {}"),  // another kind of collection
            ("---\nkind: ConfigMap", "---\n---\nkind: ConfigMap"),  // a document too many
            ("image: nginx", "image: [nginx"),  // not YAML
            ("labels: {app: web}", "labels: &l {app: web}, copy: *l"),  // an alias: read in full instead
        ])
    func aDifferentTextDoesNotMatch(original: String, edited: String) throws {
        let text = Self.fixed.replacingOccurrences(of: original, with: edited)
        #expect(text != Self.fixed)
        #expect(!ReadBack.matches(text, try Self.documents(Self.fixed)), "\(text)")
    }

    @Test func aMergeKeyIsLeftToAFullRead() throws {
        let text = "base: &b {a: 1}\nderived:\n  <<: *b\n"
        #expect(!ReadBack.matches(text, try Self.documents(text)))
    }
}
