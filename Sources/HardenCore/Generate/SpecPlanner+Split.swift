extension SpecPlanner {
    /// Plans the spec's workloads: one per image when the options split them (each with its own volumes, sysctls,
    /// fsGroup and security context), otherwise one pod running every image.
    public func plans(_ references: [String], options: GenerateOptions) throws -> [SpecPlan] {
        guard options.splitsWorkloads(imageCount: references.count) else {
            return [try plan(references, options: options)]
        }
        try Self.validateCount(references)
        if options.name != nil && references.count > 1 {
            throw GenerateError.invalidOption(
                .name, "names one workload; with one workload per image each is named after its image")
        }
        var containerNames: Set<String> = []
        return try references.enumerated().map { index, reference in
            var own = options
            // --port is about the first image, as in a pod of several containers.
            if index > 0 { own.ports = [] }
            return try plan([reference], options: own, containerNames: &containerNames)
        }
    }
}
