/// Renders a plan as a strategic-merge patch for an existing workload: the same security contexts, volumes and
/// mounts, keyed by the workload's and container's names so that kustomize merges them into the original.
public enum KustomizePatchEmitter {
    public static func patch(_ plan: SpecPlan) throws(GenerateError) -> any Encodable & Sendable {
        guard plan.containers.count == 1 || plan.options.containerName == nil else {
            throw .invalidOption("--container names one container: name one image with it")
        }
        var patched = plan
        if let containerName = plan.options.containerName {
            guard KubernetesName.isLabel(containerName) else {
                throw .invalidOption("--container \"\(containerName)\" is not a valid container name")
            }
            patched.containers[0].name = containerName
        }
        if plan.options.kind == .container {
            throw .invalidOption("--format kustomize-patch patches a workload: use --kind pod, deployment, statefulset, daemonset, job or cronjob")
        }
        return KubernetesEmitter.object(patched, forPatch: true)
    }
}
