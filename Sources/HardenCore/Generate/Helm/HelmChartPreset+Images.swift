/// Which roles of a chart each image fills: the roles whose default image it is. One image alone that is no role's
/// default fills the chart's workloads, as `helm-values` always did (the header says to set the image key); with
/// several, every image must be a role's and each role gets one image.
extension HelmChartPreset {
    /// One image of the plan and the roles it fills, in the chart's order.
    struct Assignment {
        var container: ContainerPlan
        var roles: [Role]
        /// Whether the container runs its roles' default image (else the header says to set the image key).
        var runsDefaultImage: Bool
    }

    /// Each role's default image and the knowledge-base entry it resolves to (`quay.io/prometheus/prometheus` is
    /// an alias of `docker.io/prom/prometheus`), so that an image named by any of its entry's names fills the role.
    public func defaultImageEntries(resolvedBy resolver: Resolver) throws -> [String: String] {
        var entries: [String: String] = [:]
        for image in Set(roles.compactMap(\.defaultImage)) {
            if let found = try resolver.findEntry(for: try ImageReference.parseRepository(image)) {
                entries[image] = found.entry.repository
            }
        }
        return entries
    }

    /// Whether the chart runs more than one image, so that one values file can name several.
    public var takesSeveralImages: Bool { Set(roles.compactMap(\.defaultImage)).count > 1 }

    /// The presets that take several images, for the error that refuses several images for another.
    public static var severalImageNames: [String] { all.filter(\.takesSeveralImages).map(\.name) }

    /// The roles each container fills, or the usage error that says why an image has none.
    /// - Parameter entries: `defaultImageEntries(resolvedBy:)`.
    func assign(_ containers: [ContainerPlan], entries: [String: String]) throws(GenerateError) -> [Assignment] {
        guard containers.count > 1 else {
            return containers.map { container in
                let matched = roles.filter { $0.runs(container, entries: entries) }
                return Assignment(
                    container: container, roles: matched.isEmpty ? workloads : matched,
                    runsDefaultImage: !matched.isEmpty)
            }
        }
        guard takesSeveralImages else {
            throw .invalidOption(
                .references,
                "the chart \(name) runs one image: name one, or choose a chart that runs several (\(Self.severalImageNames.joined(separator: ", ")))"
            )
        }
        var filled: [String: String] = [:]
        var assignments: [Assignment] = []
        for container in containers {
            let matched = roles.filter { $0.runs(container, entries: entries) }
            guard !matched.isEmpty else {
                throw .invalidOption(
                    .references,
                    "\(Quoted.brief(container.image)) is the image of no role of the chart \(name): \(imagesByRole)"
                )
            }
            for role in matched {
                if let other = filled.updateValue(container.image, forKey: role.name) {
                    throw .invalidOption(
                        .references,
                        "\(Quoted.brief(other)) and \(Quoted.brief(container.image)) are both the \(role.name) image of the chart \(name): name one"
                    )
                }
            }
            assignments.append(Assignment(container: container, roles: matched, runsDefaultImage: true))
        }
        return assignments
    }

    /// The roles that are pods of their own.
    var workloads: [Role] { roles.filter { $0.podSecurityContext != nil } }

    /// `master and replica run docker.io/bitnami/redis, sentinel runs docker.io/bitnami/redis-sentinel`.
    var imagesByRole: String {
        var images: [String] = []
        var names: [String: [String]] = [:]
        for role in roles {
            let image = role.defaultImage ?? "the image you name"
            if names[image] == nil { images.append(image) }
            names[image, default: []].append(role.name)
        }
        return images.map { image in
            let roles = names[image, default: []]
            return "\(roles.joined(separator: " and ")) \(roles.count == 1 ? "runs" : "run") \(image)"
        }.joined(separator: ", ")
    }
}

extension HelmChartPreset.Role {
    /// Whether the container runs this role's default image: the knowledge base's entry for it (`entries` maps the
    /// default image to it), or the same repository path under any registry (`bitnami/redis-sentinel` is
    /// `docker.io/bitnami/redis-sentinel`, and so is a mirror's `registry.example.com/bitnami/redis-sentinel`).
    func runs(_ container: ContainerPlan, entries: [String: String]) -> Bool {
        guard let image = defaultImage else { return false }
        if let entry = container.match?.image, entry == image || entry == entries[image] { return true }
        do {
            return try ImageReference.parse(container.image).path == ImageReference.parseRepository(image).path
        } catch {
            // A reference the planner accepted, and a preset's default image, always parse; if not, no match.
            return false
        }
    }
}
