/// Renders a plan as a Helm values fragment in the shape `helm create` scaffolds and most charts follow:
/// `podSecurityContext`, `securityContext`, `volumes`, `volumeMounts`.
public enum HelmValuesEmitter {
    public struct Values: Codable, Sendable, Equatable {
        public var automountServiceAccountToken: Bool
        public var podSecurityContext: PodSecurityContext
        public var securityContext: SecurityContext
        public var volumes: [Volume]?
        public var volumeMounts: [VolumeMount]?
        public var initContainers: [Container]?
        public var env: [EnvVar]?
    }

    public static func values(_ plan: SpecPlan) throws(GenerateError) -> Values {
        guard plan.containers.count == 1, let container = plan.containers.first else {
            throw .invalidOption(.references, "helm-values describes one chart's container: name one image")
        }
        let pod = KubernetesEmitter.podSpec(plan)
        return Values(
            automountServiceAccountToken: plan.options.automountServiceAccountToken,
            podSecurityContext: pod.securityContext ?? PodSecurityContext(),
            securityContext: KubernetesEmitter.securityContext(
                for: container, openshift: plan.options.platform == .openshift),
            volumes: pod.volumes, volumeMounts: pod.containers.first?.volumeMounts, initContainers: pod.initContainers,
            env: container.environment.isEmpty ? nil : container.environment)
    }
}
