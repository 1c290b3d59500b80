import Foundation

/// Turns a failed Graph response into a `ProviderError`, reading the documented error body
/// `{"error": {"code": ..., "message": ...}}` (https://learn.microsoft.com/graph/errors).
enum GraphErrorMapper {
    private struct Body: Decodable {
        struct Detail: Decodable {
            var code: String?
            var message: String?
        }

        var error: Detail?
    }

    static func error(for response: GraphResponse) -> ProviderError {
        let detail = (try? JSONDecoder().decode(Body.self, from: Data(response.body)))?.error
        let retryAfter = GraphRetryAfter.duration(response.headers.first(name: "Retry-After"))
        let code: ProviderError.Code
        switch response.status {
        case 401: code = .unauthorized
        case 404: code = .notFound
        // A delta or skip token the mailbox no longer holds (`SyncStateNotFound`).
        case 410: code = .cursorExpired
        case 429: code = .rateLimited
        case 503 where retryAfter != nil: code = .rateLimited
        case 500...599, 408: code = .transient
        default: code = .permanent
        }
        return ProviderError(
            code, retryAfter: retryAfter, providerCode: detail?.code, httpStatus: response.status,
            providerMessage: detail?.message)
    }
}
