import Foundation
import Yams

/// The generator's entry point: plan the spec for some images, then render it in the chosen format.
///
/// ```swift
/// var options = GenerateOptions()
/// options.kind = .statefulset
/// let spec = try SpecGenerator(resolver: resolver).generate(["postgres:16"], options: options, encoding: .yaml)
/// print(spec.text)          // the StatefulSet
/// spec.notes.forEach { ... } // why each volume exists, what was assumed
/// ```
public struct SpecGenerator: Sendable {
    /// How structured formats are written; `docker-run` is always shell text.
    public enum Encoding: String, Sendable, CaseIterable, Codable {
        case yaml
        case json
    }

    /// The rendered spec and its explanations.
    public struct Output: Sendable {
        public var text: String
        public var notes: [GenerationNote]
        public var plan: SpecPlan
    }

    public let planner: SpecPlanner

    public init(resolver: Resolver) {
        planner = SpecPlanner(resolver: resolver)
    }

    public func generate(_ references: [String], options: GenerateOptions, encoding: Encoding) throws -> Output {
        var plan = try planner.plan(references, options: options)
        if options.kind == .cronjob && options.format == .kubernetes && options.schedule == nil {
            plan.notes.append(
                GenerationNote(
                    .info, "no --schedule given: the CronJob runs hourly (\(KubernetesEmitter.defaultSchedule))"))
        }
        let text: String
        switch options.format {
        case .kubernetes: text = try Self.encode(KubernetesEmitter.object(plan), encoding)
        case .helmValues: text = try Self.encode(HelmValuesEmitter.values(plan), encoding)
        case .kustomizePatch: text = try Self.encode(KustomizePatchEmitter.patch(plan), encoding)
        case .dockerRun: text = DockerRunEmitter.commands(plan)
        case .compose: text = try Self.encode(ComposeEmitter.file(plan), encoding)
        }
        return Output(text: text, notes: plan.notes, plan: plan)
    }

    /// Encodes byte-stably: YAML in the structs' key order (apiVersion, kind, metadata, spec); JSON with sorted
    /// keys, since Foundation's encoder does not keep declaration order on Linux.
    static func encode(_ value: any Encodable, _ encoding: Encoding) throws -> String {
        switch encoding {
        case .yaml:
            return try BlockYAMLEncoder().encode(value)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
        }
    }
}
