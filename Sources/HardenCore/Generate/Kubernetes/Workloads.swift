/// A Pod.
public struct Pod: Codable, Sendable, Equatable {
    public var apiVersion = "v1"
    public var kind = "Pod"
    public var metadata: ObjectMeta
    public var spec: PodSpec
}

/// A Deployment, StatefulSet, DaemonSet or ReplicaSet: a controller of a pod template with a selector.
public struct Workload: Codable, Sendable, Equatable {
    public struct Spec: Codable, Sendable, Equatable {
        public var replicas: Int?
        public var serviceName: String?
        public var selector: LabelSelector
        public var template: PodTemplateSpec
        public var volumeClaimTemplates: [PersistentVolumeClaim]?
    }

    public var apiVersion = "apps/v1"
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: Spec
}

/// A Job.
public struct Job: Codable, Sendable, Equatable {
    public struct Spec: Codable, Sendable, Equatable {
        public var backoffLimit: Int?
        public var template: PodTemplateSpec
    }

    public var apiVersion = "batch/v1"
    public var kind = "Job"
    public var metadata: ObjectMeta
    public var spec: Spec
}

/// A CronJob.
public struct CronJob: Codable, Sendable, Equatable {
    public struct Spec: Codable, Sendable, Equatable {
        public var schedule: String
        public var concurrencyPolicy: String?
        public var jobTemplate: JobTemplate
    }

    public struct JobTemplate: Codable, Sendable, Equatable {
        public var spec: Job.Spec
    }

    public var apiVersion = "batch/v1"
    public var kind = "CronJob"
    public var metadata: ObjectMeta
    public var spec: Spec
}
