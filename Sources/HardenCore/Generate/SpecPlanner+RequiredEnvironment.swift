extension SpecPlanner {
    /// Says, for each setting only the user can choose, where the spec asks for it: every format leaves the value to
    /// the user, so each says how to give it.
    func requiredEnvironmentNotes(_ containers: [ContainerPlan], secretName: String, _ options: GenerateOptions)
        -> [GenerationNote]
    {
        containers.flatMap { container in
            container.requiredEnvironment.map { variable in
                let required =
                    "\(container.name): the image refuses to start without \(variable.name) (`harden show` says why)"
                return GenerationNote(.warning, "\(required): \(howAsked(variable, secretName: secretName, options))")
            }
        }
    }

    private func howAsked(_ variable: RequiredVariable, secretName: String, _ options: GenerateOptions) -> String {
        let name = variable.name
        switch options.format {
        case .compose:
            return "written as ${\(name):?...}, so compose stops until you set \(name) in its environment or .env file"
        case .dockerRun:
            return "passed with --env \(name) from your environment: export \(name) first"
        case .helmValues:
            return "not in these values: give it through the chart's own Secret (env with valueFrom.secretKeyRef)"
        case .kubernetes, .kustomizePatch:
            guard variable.secret else { return "written with an empty value: set it in the spec" }
            let create = "kubectl create secret generic \(secretName) --from-literal=\(name)=..."
            if options.format == .kubernetes && options.kind != .container {
                return
                    "read from Secret \(secretName), generated beside the workload with an EMPTY value that the image refuses: set it before applying (or delete that document and \(create))"
            }
            return "read from Secret \(secretName), key \(name), which you create: \(create)"
        }
    }
}
