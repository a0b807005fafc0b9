import Foundation

/// Renders plans as `docker run` commands, one container per image: read-only root, tmpfs per scratch path, named
/// volumes for persistent or seeded paths (Docker fills an empty named volume from the image on first use).
public enum DockerRunEmitter {
    public static func commands(_ plans: [SpecPlan]) -> String {
        plans.flatMap { plan in plan.containers.map { command(for: $0, in: plan) } }.joined(separator: "\n\n") + "\n"
    }

    private static func command(for container: ContainerPlan, in plan: SpecPlan) -> String {
        var lines: [[String]] = [["docker", "run", "--detach", "--name", container.name], ["--read-only"]]
        lines.append(["--user", "\(container.uid):\(container.gid)"])
        lines.append(["--cap-drop", "ALL"])
        for capability in container.addedCapabilities { lines.append(["--cap-add", capability]) }
        lines.append(["--security-opt", "no-new-privileges"])
        if let start = container.lowestPrivilegedPort {
            lines.append(["--sysctl", "net.ipv4.ip_unprivileged_port_start=\(start)"])
        }
        for volume in container.volumes {
            if volume.keepsContent {
                lines.append(["--volume", "\(plan.name)-\(volume.name):\(volume.path)"])
            } else {
                lines.append(["--tmpfs", "\(volume.path):rw,nosuid,nodev,\(volume.tmpfsOptions)"])
            }
        }
        for port in container.ports { lines.append(["--publish", DatabasePorts.publish(port)]) }
        for variable in container.environment {
            lines.append(["--env", "\(variable.name)=\(variable.value ?? "")"])
        }
        // No value: docker passes the caller's own, which the notes ask to export.
        for variable in container.requiredEnvironment { lines.append(["--env", variable.name]) }
        lines.append([container.image])
        return lines.map { $0.map(ShellQuoting.quote).joined(separator: " ") }.joined(separator: " \\\n  ")
    }

    /// Kubernetes quantities (64Mi) as Docker sizes (64m); nil when there is no exact equivalent.
    static func dockerSize(_ quantity: String) -> String? {
        let units = ["Ki": "k", "Mi": "m", "Gi": "g"]
        for (suffix, unit) in units where quantity.hasSuffix(suffix) {
            let number = quantity.dropLast(2)
            if number.allSatisfy(\.isASCIIDigit) { return "\(number)\(unit)" }
        }
        return quantity.allSatisfy(\.isASCIIDigit) ? quantity : nil
    }
}

/// POSIX shell quoting for generated commands.
enum ShellQuoting {
    static let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=,@%+")

    static func quote(_ word: String) -> String {
        if !word.isEmpty && word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
