import Hummingbird
import Logging
import Postgres
import Store

/// Turns store and database errors into problem details: a missing row is 404, a duplicate 409;
/// anything unexpected is a 500 whose body says nothing internal (the log has the detail).
struct ErrorMappingMiddleware: RouterMiddleware {
    typealias Context = MailSyncRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as StoreError {
            switch error.code {
            case .notFound: throw Problems.notFound(error.object ?? "resource")
            case .alreadyExists: throw Problems.conflict("It exists already.")
            case .activeConnectionExists: throw Problems.conflict("The user already has an active connection.")
            default: throw internalError(error, context: context)
            }
        } catch let error as PostgresError {
            throw internalError(error, context: context)
        }
    }

    private func internalError(_ error: any Error, context: Context) -> ProblemDetails {
        context.logger.error("request failed", metadata: ["error": "\(error)"])
        return ProblemDetails(
            slug: "internal", title: "Internal error", status: .internalServerError,
            detail: "The request could not be completed; it was logged.")
    }
}
