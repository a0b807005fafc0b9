import Foundation
import HardenCore
import Hummingbird

/// POST /v1/fix[?diff=true][&allowMigrations=true]: a manifest body (YAML or JSON, several documents allowed)
/// answered as `harden fix` answers: the fixed manifest in the input's own format, edited in place (comments, key
/// order and quoting stay); a unified diff with `?diff=true` or Accept: text/x-diff; or, with Accept:
/// application/json, the fixed text with what changed, the withheld migrations and the findings fix cannot repair.
///
/// Like the CLI, fix never moves where a workload keeps its data (PGDATA into a subdirectory, a new volume over a
/// data directory): that change is withheld and said as a manual migration, and what needs none is applied. A
/// text answer cannot carry that warning, so it is refused with 409 unless `allowMigrations=true` (the CLI's exit
/// 2 and --allow-migrations): a pipeline that writes the answer back never takes a partial fix unnoticed. The JSON
/// answer lists the migrations and is 200.
struct FixController {
    let service: QueryService

    /// What the client asked to get back.
    enum Answer {
        case manifest, diff, json
    }

    func register(on router: Router<HardenRequestContext>) {
        router.post("/v1/fix") { request, context in
            let answer: Answer =
                if try request.booleanQueryParameter("diff") || request.accepts("text/x-diff") {
                    .diff
                } else if request.accepts("application/json") {
                    .json
                } else {
                    .manifest
                }
            let allowMigrations = try request.booleanQueryParameter("allowMigrations")
            let admission = try service.heavyWork.admit(
                reserving: HeavyWork.reservation(for: request, maxBodyBytes: context.maxUploadSize))
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            let manifest = String(buffer: buffer)
            guard !manifest.allSatisfy(\.isWhitespace) else {
                throw APIError.badRequest("the body is empty: send the manifest to fix", field: "body")
            }
            let manifestType = Self.contentType(of: manifest, declared: request.headers[.contentType])
            let (body, contentType) = try await service.heavyWork.run(admission) { () throws -> (Data, String) in
                let file = try service.fix(manifest)
                if let problem = file.problems.first {
                    throw APIError.badRequest(
                        "\(problem.line.map { "line \($0): " } ?? "")\(problem.message)", field: "body")
                }
                switch answer {
                case .json:
                    let remaining = try service.auditReport(file.fixed ?? manifest)
                    return (
                        try JSONOutput.encode(FixAnswer(file, remaining: remaining), pretty: false), "application/json"
                    )
                case .diff:
                    try Self.refuseWithheldMigrations(file, allowed: allowMigrations)
                    let diff = UnifiedDiff.make(
                        from: manifest, to: file.fixed ?? manifest, oldName: "a/manifest", newName: "b/manifest")
                    return (Data(diff.utf8), "text/x-diff")
                case .manifest:
                    try Self.refuseWithheldMigrations(file, allowed: allowMigrations)
                    return (Data((file.fixed ?? manifest).utf8), manifestType)
                }
            }
            return Responses.body(body, contentType: contentType)
        }
    }

    /// 409 when fix withheld a change that moves data and the client has not said it knows.
    static func refuseWithheldMigrations(_ file: FixedFile, allowed: Bool) throws {
        guard !file.migrations.isEmpty, !allowed else { return }
        let withheld = file.migrations.map { "\($0.object) [\($0.container)]: \($0.change)" }
        throw APIError(
            status: .conflict, code: "migration_withheld", field: "allowMigrations",
            message:
                "\(withheld.count) change(s) that would move existing data were NOT applied (\(withheld.joined(separator: "; "))); ask with Accept: application/json for the migration steps, or send allowMigrations=true to take the fix without them"
        )
    }

    /// The fixed text keeps the input's format: JSON when the request says so or the manifest is a JSON value.
    static func contentType(of manifest: String, declared: String?) -> String {
        if declared?.contains("json") == true { return "application/json" }
        if declared?.contains("yaml") == true { return "application/yaml" }
        let first = manifest.first { !$0.isWhitespace }
        return first == "{" || first == "[" ? "application/json" : "application/yaml"
    }
}
