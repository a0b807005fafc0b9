import Foundation
import HardenCore
import Hummingbird

/// POST /v1/generate: the spec as YAML (default) or JSON by Accept; docker-run as shell text.
struct GenerateController {
    let service: QueryService

    /// The JSON answer: the spec as JSON objects (not a string to parse again) and the notes `harden generate`
    /// prints on stderr.
    static func jsonAnswer(spec: String, notes: [GenerationNote]) throws -> Data {
        let notes = try JSONOutput.encode(notes, pretty: false)
        let trimmed = spec.trimmingCharacters(in: .whitespacesAndNewlines)
        return Data("{\"spec\":".utf8) + Data(trimmed.utf8) + Data(",\"notes\":".utf8) + notes + Data("}".utf8)
    }

    func register(on router: Router<HardenRequestContext>) {
        router.post("/v1/generate") { request, context in
            let body = try await GenerateRequest.decode(request, context: context)
            if request.accepts("application/json") {
                let output = try await generate(body, encoding: .json)
                guard body.format != .dockerRun else {
                    throw APIError.badRequest(
                        "format docker-run is a shell command: ask for text/x-shellscript", field: "format")
                }
                return Responses.json(
                    try Self.jsonAnswer(spec: output.text, notes: output.notes.map { $0.naming(\.jsonField) }))
            }
            let output = try await generate(body, encoding: .yaml)
            if body.format == .dockerRun { return Responses.text(output.text, contentType: "text/x-shellscript") }
            let comments = output.notes.map { "# \($0.message(naming: \.jsonField))" }.joined(separator: "\n")
            return Responses.text(comments + "\n" + output.text, contentType: "application/yaml")
        }
    }

    /// Generates on a heavy-work thread; a malformed reference is about the references field.
    private func generate(_ body: GenerateRequest, encoding: SpecGenerator.Encoding) async throws
        -> SpecGenerator.Output
    {
        try await RequestFieldError.attributing(to: "references") {
            try await service.heavyWork.run { try service.generate(body, encoding: encoding) }
        }
    }
}
