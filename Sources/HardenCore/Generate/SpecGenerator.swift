import Foundation
import Yams

/// The generator's entry point: plan the spec for some images, then render it in the chosen format.
///
/// ```swift
/// var options = GenerateOptions()
/// options.kind = .statefulset
/// let spec = try SpecGenerator(resolver: resolver).generate(["postgres:16"], options: options, encoding: .yaml)
/// print(spec.text)          // the Secret, the headless Service and the StatefulSet
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
        /// One plan per workload: one per image when split, else one pod running every image.
        public var plans: [SpecPlan]
    }

    public let planner: SpecPlanner

    public init(resolver: Resolver) {
        planner = SpecPlanner(resolver: resolver)
    }

    public func generate(_ references: [String], options: GenerateOptions, encoding: Encoding) throws -> Output {
        let plans = try planner.plans(references, options: options)
        // Split plans repeat the notes that are about the options rather than an image; say each once.
        var seen: Set<String> = []
        var notes = plans.flatMap(\.notes).filter { seen.insert($0.description).inserted }
        if options.kind == .cronjob && options.format == .kubernetes && options.schedule == nil {
            notes.append(
                GenerationNote(
                    .info,
                    "no \(GenerateOptions.Field.schedule) given: the CronJob runs hourly (\(KubernetesEmitter.defaultSchedule))"
                ))
        }
        let text: String
        switch options.format {
        case .kubernetes:
            let services = options.splitsWorkloads(imageCount: references.count)
            text = try Self.encode(
                documents: plans.flatMap { KubernetesDocuments.documents($0, services: services) }, encoding)
        case .helmValues:
            let plan = try Self.single(plans)
            let preset = try HelmChartPreset.required(plan.options.chart)
            let entries = try preset.defaultImageEntries(resolvedBy: planner.resolver)
            let values = try HelmValuesEmitter.values(plan, preset: preset, defaultImageEntries: entries)
            notes += values.notes
            text = encoding == .yaml ? try values.document.yaml() : try Self.encode(values.document, encoding)
        case .kustomizePatch: text = try Self.encode(KustomizePatchEmitter.patch(try Self.single(plans)), encoding)
        case .dockerRun: text = DockerRunEmitter.commands(plans)
        case .compose: text = try Self.encode(ComposeEmitter.file(plans), encoding)
        }
        return Output(text: text, notes: notes, plans: plans)
    }

    /// The one pod of a format that describes one (helm-values and kustomize-patch are never split).
    private static func single(_ plans: [SpecPlan]) throws(GenerateError) -> SpecPlan {
        guard plans.count == 1, let plan = plans.first else {
            throw .invalidOption(.split, "this format describes one workload")
        }
        return plan
    }

    /// Several objects: a YAML stream of documents, or in JSON a `v1 List` (what kubectl reads and writes); one
    /// object alone as itself.
    static func encode(documents: [any Encodable & Sendable], _ encoding: Encoding) throws -> String {
        if documents.count == 1, let document = documents.first { return try encode(document, encoding) }
        switch encoding {
        case .yaml: return try documents.map { try encode($0, .yaml) }.joined(separator: "---\n")
        case .json: return try encode(KubernetesList(items: documents.map(AnyDocument.init)), .json)
        }
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

/// `kind: List`, the JSON form of several objects.
struct KubernetesList: Encodable {
    var apiVersion = "v1"
    var kind = "List"
    var items: [AnyDocument]
}

/// One object of a list, whatever its type.
struct AnyDocument: Encodable {
    let document: any Encodable & Sendable

    func encode(to encoder: any Encoder) throws { try document.encode(to: encoder) }
}
