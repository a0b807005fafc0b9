import Foundation
import HardenCore
import Hummingbird

/// Turns every error into the service's JSON error shape; internals never reach the client.
/// A knowledge-base failure also marks the service not ready.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let knowledgeBaseFailure: FailureFlag

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch let error as any HardenError {
            if error.category == .unavailableData { knowledgeBaseFailure.record(error.description) }
            return try APIError(error).response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            // Hummingbird's own errors (no route, a bad JSON body) and NIO's 413 for an oversized body.
            let (code, message): (String, String) =
                switch error.status {
                case .notFound: ("not_found", "no such route: \(request.method) \(request.uri.path); see /openapi.yaml")
                case .contentTooLarge: ("too_large", "request body over \(context.maxUploadSize) bytes")
                case .badRequest: ("invalid_input", (error as? HTTPError)?.body ?? "bad request")
                default: ("http_error", error.status.reasonPhrase)
                }
            return try APIError(status: error.status, code: code, message: message).response(
                from: request, context: context)
        } catch {
            context.logger.error("internal error on \(request.method) \(request.uri.path): \(error)")
            return try APIError(status: .internalServerError, code: "internal", message: "internal error")
                .response(from: request, context: context)
        }
    }
}
