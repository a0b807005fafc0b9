/// Renders a plan as a strategic-merge patch for an existing workload: security contexts, volumes, mounts and
/// required variables, keyed by the workload's and container's names so that kustomize merges them into the
/// original. Image, ports, labels, replicas and the (immutable) selector are left as the original has them.
public enum KustomizePatchEmitter {
    public static func patch(_ plan: SpecPlan) throws(GenerateError) -> any Encodable & Sendable {
        guard plan.containers.count == 1 || plan.options.containerName == nil else {
            throw .invalidOption(.container, "names one container: name one image with it")
        }
        var patched = plan
        if let containerName = plan.options.containerName {
            guard KubernetesName.isLabel(containerName) else {
                throw .invalidOption(.container, "\"\(Quoted.brief(containerName))\" is not a valid container name")
            }
            patched.containers[0].name = containerName
        }
        var pod = KubernetesEmitter.podSpec(patched, forPatch: true)
        pod.containers = pod.containers.map { container in
            var trimmed = container
            trimmed.ports = nil
            return trimmed
        }
        let metadata = ObjectMeta(name: plan.name, namespace: plan.namespace)
        let template = TemplatePatch(spec: pod)
        switch plan.options.kind {
        case .container:
            throw .invalidOption(
                .kind, "kustomize-patch patches a workload: use pod, deployment, statefulset, daemonset, job or cronjob"
            )
        case .pod:
            return PodPatch(metadata: metadata, spec: pod)
        case .deployment, .statefulset, .daemonset:
            let kind = plan.options.kind.objectKind ?? "Deployment"
            return WorkloadPatch(apiVersion: "apps/v1", kind: kind, metadata: metadata, spec: .init(template: template))
        case .job:
            return WorkloadPatch(
                apiVersion: "batch/v1", kind: "Job", metadata: metadata, spec: .init(template: template))
        case .cronjob:
            return CronJobPatch(metadata: metadata, spec: .init(jobTemplate: .init(spec: .init(template: template))))
        }
    }

    struct TemplatePatch: Encodable, Sendable {
        var spec: PodSpec
    }

    struct PodPatch: Encodable, Sendable {
        var apiVersion = "v1"
        var kind = "Pod"
        var metadata: ObjectMeta
        var spec: PodSpec
    }

    struct WorkloadPatch: Encodable, Sendable {
        struct Spec: Encodable, Sendable {
            var template: TemplatePatch
        }

        var apiVersion: String
        var kind: String
        var metadata: ObjectMeta
        var spec: Spec
    }

    struct CronJobPatch: Encodable, Sendable {
        struct Spec: Encodable, Sendable {
            var jobTemplate: JobTemplate
        }

        struct JobTemplate: Encodable, Sendable {
            var spec: WorkloadPatch.Spec
        }

        var apiVersion = "batch/v1"
        var kind = "CronJob"
        var metadata: ObjectMeta
        var spec: Spec
    }
}
