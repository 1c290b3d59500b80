import Foundation

/// Turns Google's error answers into `ProviderError`s.
/// https://developers.google.com/workspace/gmail/api/guides/handle-errors
enum GoogleErrorMapping {
    /// `error.errors[].reason` values that mean "slow down" even when the status is 403.
    static let throttlingReasons: Set<String> = [
        "rateLimitExceeded", "userRateLimitExceeded", "dailyLimitExceeded", "quotaExceeded", "concurrentLimitExceeded",
    ]

    /// The error of a Gmail API answer (status outside 2xx).
    static func apiError(_ reply: HTTPReply, now: Date = Date()) -> ProviderError {
        let body = try? JSONDecoder().decode(GoogleAPIErrorBody.self, from: Data(reply.body))
        let reason = body?.error.errors?.first(where: { $0.reason != nil })?.reason ?? body?.error.status
        let message = body?.error.message
        let retryAfter = RetryAfter.parse(reply.headers.first(name: "Retry-After"), now: now)
        func error(_ code: ProviderError.Code) -> ProviderError {
            ProviderError(
                code, retryAfter: code == .rateLimited ? retryAfter : nil, providerCode: reason,
                httpStatus: reply.status, providerMessage: message)
        }
        switch reply.status {
        case 401:
            return error(.unauthorized)
        case 403 where reason.map(throttlingReasons.contains) ?? false:
            return error(.rateLimited)
        case 403 where reason == "insufficientPermissions" || body?.error.status == "PERMISSION_DENIED":
            return error(.insufficientScope)
        case 404:
            return error(.notFound)
        case 429:
            return error(.rateLimited)
        case 408, 500...599:
            return error(.transient)
        default:
            return error(.permanent)
        }
    }

    /// The error of an OAuth endpoint answer; an `invalid_grant` while refreshing means the grant
    /// is gone (revoked, expired, password changed).
    /// https://developers.google.com/identity/protocols/oauth2/web-server#exchange-errors
    static func oauthError(_ reply: HTTPReply, refreshing: Bool, now: Date = Date()) -> ProviderError {
        let body = try? JSONDecoder().decode(GoogleOAuthErrorBody.self, from: Data(reply.body))
        let code: ProviderError.Code =
            switch (reply.status, body?.error) {
            case (_, "invalid_grant") where refreshing: .needsReauth
            case (429, _): .rateLimited
            case (500...599, _): .transient
            default: .permanent
            }
        return ProviderError(
            code,
            retryAfter: code == .rateLimited
                ? RetryAfter.parse(reply.headers.first(name: "Retry-After"), now: now) : nil,
            providerCode: body?.error, httpStatus: reply.status, providerMessage: body?.error_description)
    }
}
