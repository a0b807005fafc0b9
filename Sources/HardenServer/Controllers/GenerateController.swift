import HardenCore
import Hummingbird

/// POST /v1/generate: the spec as YAML (default) or JSON by Accept; docker-run as shell text.
struct GenerateController {
    let service: QueryService

    /// The JSON answer: the spec and the notes `harden generate` prints on stderr.
    struct JSONAnswer: Encodable {
        var spec: String
        var notes: [GenerationNote]
    }

    func register(on router: Router<HardenRequestContext>) {
        router.post("/v1/generate") { request, context in
            let body = try await request.decode(as: GenerateRequest.self, context: context)
            if request.accepts("application/json") {
                let output = try await service.heavyWork.run { try service.generate(body, encoding: .json) }
                return Responses.json(
                    try JSONOutput.encode(JSONAnswer(spec: output.text, notes: output.notes), pretty: false))
            }
            let output = try await service.heavyWork.run { try service.generate(body, encoding: .yaml) }
            if body.format == .dockerRun { return Responses.text(output.text, contentType: "text/x-shellscript") }
            let comments = output.notes.map { "# \($0)" }.joined(separator: "\n")
            return Responses.text(comments + "\n" + output.text, contentType: "application/yaml")
        }
    }
}
