/// The objects of one workload's Kubernetes spec, in the order they are applied: the placeholder Secret its
/// required settings are read from, the Service in front of it, then the workload.
public enum KubernetesDocuments {
    /// `services`: a Service for every workload with ports (one workload per image). A StatefulSet always gets its
    /// headless Service, which its `serviceName` names and which gives each replica its DNS name.
    public static func documents(_ plan: SpecPlan, services: Bool) -> [any Encodable & Sendable] {
        var documents: [any Encodable & Sendable] = []
        if plan.options.kind != .container, let secret = secret(plan) { documents.append(secret) }
        if let service = service(plan, services: services) { documents.append(service) }
        documents.append(KubernetesEmitter.object(plan))
        return documents
    }

    /// Empty values on purpose: every image that requires one refuses an empty value and says which variable it
    /// wants, so a Secret applied unfilled stops the pod instead of running it with a guessable password.
    static func secret(_ plan: SpecPlan) -> Secret? {
        let variables = plan.secretVariables
        guard !variables.isEmpty else { return nil }
        return Secret(
            metadata: ObjectMeta(
                name: plan.secretName, namespace: plan.namespace, labels: KubernetesEmitter.labels(plan)),
            stringData: OrderedStringMap(variables.map { ($0.name, "") }))
    }

    static func service(_ plan: SpecPlan, services: Bool) -> Service? {
        let kind = plan.options.kind
        let headless = kind == .statefulset
        let ports = servicePorts(plan)
        guard headless || (services && !ports.isEmpty && [.deployment, .daemonset, .pod].contains(kind)) else {
            return nil
        }
        return Service(
            metadata: ObjectMeta(
                name: KubernetesName.serviceName(plan.name), namespace: plan.namespace,
                labels: KubernetesEmitter.labels(plan)),
            headless: headless, selector: KubernetesEmitter.labels(plan), ports: ports)
    }

    /// Every container port once, each named (a Service with several ports must name them all): the
    /// knowledge base's name where it has one and it is free, else `tcp-5432`.
    static func servicePorts(_ plan: SpecPlan) -> [ServicePort] {
        var seen: Set<String> = []
        var names: Set<String> = []
        return plan.containers.flatMap(\.ports).compactMap { port in
            let proto = port.protocol.uppercased()
            guard seen.insert("\(port.port)/\(proto)").inserted else { return nil }
            let fallback = "\(proto.lowercased())-\(port.port)"
            let name = port.name.flatMap { names.contains($0) ? nil : $0 } ?? fallback
            names.insert(name)
            return ServicePort(name: name, port: port.port, protocol: proto)
        }
    }
}
