import Foundation
import HardenCore
import Hummingbird
import NIOCore

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
        } catch let error as any HTTPResponseError where error.status == .notFound {
            // A known path asked with another method: 405 with the methods it has, not "no such route".
            let allowed = ServerRoutes.methods(for: request.uri.path)
            guard !allowed.isEmpty else {
                return try APIError(
                    status: .notFound, code: "not_found",
                    message: "no such route: \(request.method) \(Quoted.brief(request.uri.path)); see /openapi.yaml"
                ).response(from: request, context: context)
            }
            var response = try APIError(
                status: .methodNotAllowed, code: "method_not_allowed",
                message:
                    "\(Quoted.brief(request.uri.path)) answers \(allowed.joined(separator: ", ")), not \(request.method)"
            ).response(from: request, context: context)
            response.headers[.allow] = allowed.joined(separator: ", ")
            return response
        } catch let error as any HTTPResponseError {
            // Hummingbird's own errors and NIO's 413 for an oversized body.
            let (code, field, message): (String, String?, String) =
                switch error.status {
                case .contentTooLarge: ("too_large", "body", "request body over \(context.maxUploadSize) bytes")
                case .badRequest: ("invalid_input", nil, (error as? HTTPError)?.body ?? "bad request")
                default: ("http_error", nil, error.status.reasonPhrase)
                }
            return try APIError(status: error.status, code: code, field: field, message: message).response(
                from: request, context: context)
        } catch  where Self.isClientFailure(error) {
            // A malformed body (bad chunked encoding) or a client that went away: the request's fault, not ours.
            context.logger.debug("malformed or abandoned request on \(request.method) \(request.uri.path): \(error)")
            return try APIError(status: .badRequest, code: "invalid_input", message: "malformed or incomplete request")
                .response(from: request, context: context)
        } catch {
            context.logger.error("internal error on \(request.method) \(request.uri.path): \(error)")
            return try APIError(status: .internalServerError, code: "internal", message: "internal error")
                .response(from: request, context: context)
        }
    }

    /// NIO's errors for a broken request body or a closed connection.
    static func isClientFailure(_ error: any Error) -> Bool {
        if error is ChannelError || error is IOError { return true }
        let type = String(describing: Swift.type(of: error))
        return type.contains("HTTPParserError") || type.contains("NIOHTTPDecoderError")
    }
}
