import Foundation
import HardenCore
import Hummingbird

/// Turns every error into the service's JSON error shape; internals never reach the client.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch let error as any HardenError {
            return try APIError(error).response(from: request, context: context)
        } catch let error as HTTPError {
            let code =
                switch error.status {
                case .notFound: "not_found"
                case .contentTooLarge: "too_large"
                case .badRequest: "invalid_input"
                default: "http_error"
                }
            let message =
                switch error.status {
                case .notFound: "no such route: \(request.method) \(request.uri.path); see /openapi.yaml"
                case .contentTooLarge: "request body over \(context.maxUploadSize) bytes"
                default: error.body ?? error.status.reasonPhrase
                }
            return try APIError(status: error.status, code: code, message: message).response(
                from: request, context: context)
        } catch let error as any HTTPResponseError {
            // NIO's "too many bytes" from collecting an oversized body arrives as a response error with 413.
            let code = error.status == .contentTooLarge ? "too_large" : "http_error"
            let message =
                error.status == .contentTooLarge
                ? "request body over \(context.maxUploadSize) bytes" : error.status.reasonPhrase
            return try APIError(status: error.status, code: code, message: message).response(
                from: request, context: context)
        } catch {
            context.logger.error("internal error on \(request.method) \(request.uri.path): \(error)")
            return try APIError(status: .internalServerError, code: "internal", message: "internal error")
                .response(from: request, context: context)
        }
    }
}
