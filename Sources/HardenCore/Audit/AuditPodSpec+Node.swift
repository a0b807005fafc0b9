import Yams

/// Reads an `AuditPodSpec` straight from a YAML node: the fields the auditor needs, type-checked, with the path of
/// the first field of the wrong type.
extension AuditPodSpec {
    /// A field that is present but of the wrong type.
    public struct FieldError: Error, CustomStringConvertible {
        public var path: String
        public var expected: String
        public var description: String { "\(path): expected \(expected)" }
    }

    public init(node: Node) throws(FieldError) {
        let reader = FieldReader(path: "")
        guard case .mapping = node else { throw FieldError(path: "spec", expected: "a mapping") }
        containers = try reader.list(node, "containers") { node, reader throws(FieldError) in
            try Container(node: node, reader)
        }
        initContainers = try reader.optionalList(node, "initContainers") { node, reader throws(FieldError) in
            try Container(node: node, reader)
        }
        ephemeralContainers = try reader.optionalList(node, "ephemeralContainers") { node, reader throws(FieldError) in
            try Container(node: node, reader)
        }
        volumes = try reader.optionalList(node, "volumes") { node, reader throws(FieldError) in
            Volume(
                name: try reader.requiredString(node, "name"),
                sources: (node.mapping?.keys.compactMap(\.string) ?? []).filter { $0 != "name" }.sorted())
        }
        securityContext = try reader.mapping(node, "securityContext") { node, reader throws(FieldError) in
            try SecurityContext(node: node, reader)
        }
        hostNetwork = try reader.bool(node, "hostNetwork")
        hostPID = try reader.bool(node, "hostPID")
        hostIPC = try reader.bool(node, "hostIPC")
        automountServiceAccountToken = try reader.bool(node, "automountServiceAccountToken")
    }

    /// Typed field access with paths for errors.
    struct FieldReader {
        let path: String

        func child(_ key: String) -> FieldReader { FieldReader(path: path.isEmpty ? key : "\(path).\(key)") }

        private func present(_ node: Node, _ key: String) -> Node? {
            guard let value = node.value(key), !value.isNull else { return nil }
            return value
        }

        func string(_ node: Node, _ key: String) throws(FieldError) -> String? {
            guard let value = present(node, key) else { return nil }
            guard case .scalar(let scalar) = value else {
                throw FieldError(path: child(key).path, expected: "a string")
            }
            return scalar.string
        }

        func requiredString(_ node: Node, _ key: String) throws(FieldError) -> String {
            guard let value = try string(node, key) else {
                throw FieldError(path: child(key).path, expected: "a string")
            }
            return value
        }

        func int(_ node: Node, _ key: String) throws(FieldError) -> Int? {
            guard let value = present(node, key) else { return nil }
            guard case .scalar(let scalar) = value, let number = Int(scalar.string) else {
                throw FieldError(path: child(key).path, expected: "a whole number")
            }
            return number
        }

        func bool(_ node: Node, _ key: String) throws(FieldError) -> Bool? {
            guard let value = present(node, key) else { return nil }
            guard case .scalar(let scalar) = value else {
                throw FieldError(path: child(key).path, expected: "true or false")
            }
            switch scalar.string {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: throw FieldError(path: child(key).path, expected: "true or false")
            }
        }

        func strings(_ node: Node, _ key: String) throws(FieldError) -> [String]? {
            try optionalList(node, key) { item, reader throws(FieldError) in
                guard case .scalar(let scalar) = item else { throw FieldError(path: reader.path, expected: "a string") }
                return scalar.string
            }
        }

        func mapping<T>(_ node: Node, _ key: String, _ read: (Node, FieldReader) throws(FieldError) -> T)
            throws(FieldError) -> T?
        {
            guard let value = present(node, key) else { return nil }
            guard case .mapping = value else { throw FieldError(path: child(key).path, expected: "a mapping") }
            return try read(value, child(key))
        }

        func optionalList<T>(_ node: Node, _ key: String, _ read: (Node, FieldReader) throws(FieldError) -> T)
            throws(FieldError) -> [T]?
        {
            guard let value = present(node, key) else { return nil }
            guard case .sequence(let items) = value else { throw FieldError(path: child(key).path, expected: "a list") }
            var result: [T] = []
            for (index, item) in items.enumerated() {
                result.append(try read(item, FieldReader(path: "\(child(key).path)[\(index)]")))
            }
            return result
        }

        func list<T>(_ node: Node, _ key: String, _ read: (Node, FieldReader) throws(FieldError) -> T)
            throws(FieldError) -> [T]
        {
            guard let items = try optionalList(node, key, read) else {
                throw FieldError(path: child(key).path, expected: "a list")
            }
            return items
        }
    }
}

extension AuditPodSpec.Container {
    init(node: Node, _ reader: AuditPodSpec.FieldReader) throws(AuditPodSpec.FieldError) {
        name = try reader.requiredString(node, "name")
        image = try reader.string(node, "image")
        securityContext = try reader.mapping(node, "securityContext") { node, reader throws(AuditPodSpec.FieldError) in
            try AuditPodSpec.SecurityContext(node: node, reader)
        }
        volumeMounts = try reader.optionalList(node, "volumeMounts") { node, reader throws(AuditPodSpec.FieldError) in
            Mount(
                name: try reader.requiredString(node, "name"), mountPath: try reader.requiredString(node, "mountPath"),
                subPath: try reader.string(node, "subPath"), readOnly: try reader.bool(node, "readOnly"))
        }
        ports = try reader.optionalList(node, "ports") { node, reader throws(AuditPodSpec.FieldError) in
            guard let port = try reader.int(node, "containerPort") else {
                throw AuditPodSpec.FieldError(path: reader.child("containerPort").path, expected: "a port number")
            }
            return PortSpec(
                containerPort: port, hostPort: try reader.int(node, "hostPort"),
                protocol: try reader.string(node, "protocol"))
        }
        env = try reader.optionalList(node, "env") { node, reader throws(AuditPodSpec.FieldError) in
            EnvVar(name: try reader.requiredString(node, "name"))
        }
    }
}

extension AuditPodSpec.SecurityContext {
    init(node: Node, _ reader: AuditPodSpec.FieldReader) throws(AuditPodSpec.FieldError) {
        runAsUser = try reader.int(node, "runAsUser")
        runAsGroup = try reader.int(node, "runAsGroup")
        runAsNonRoot = try reader.bool(node, "runAsNonRoot")
        fsGroup = try reader.int(node, "fsGroup")
        readOnlyRootFilesystem = try reader.bool(node, "readOnlyRootFilesystem")
        allowPrivilegeEscalation = try reader.bool(node, "allowPrivilegeEscalation")
        privileged = try reader.bool(node, "privileged")
        capabilities = try reader.mapping(node, "capabilities") { node, reader throws(AuditPodSpec.FieldError) in
            Capabilities(add: try reader.strings(node, "add"), drop: try reader.strings(node, "drop"))
        }
        seccompProfile = try reader.mapping(node, "seccompProfile") { node, reader throws(AuditPodSpec.FieldError) in
            Profile(type: try reader.string(node, "type"))
        }
        appArmorProfile = try reader.mapping(node, "appArmorProfile") { node, reader throws(AuditPodSpec.FieldError) in
            Profile(type: try reader.string(node, "type"))
        }
        seLinuxOptions = try reader.mapping(node, "seLinuxOptions") { node, reader throws(AuditPodSpec.FieldError) in
            SELinuxOptions(
                type: try reader.string(node, "type"), user: try reader.string(node, "user"),
                role: try reader.string(node, "role"))
        }
        procMount = try reader.string(node, "procMount")
        sysctls = try reader.optionalList(node, "sysctls") { node, reader throws(AuditPodSpec.FieldError) in
            Sysctl(name: try reader.requiredString(node, "name"), value: try reader.string(node, "value"))
        }
    }
}
