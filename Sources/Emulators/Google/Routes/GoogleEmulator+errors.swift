extension GoogleEmulator {
    /// A Google API error answer.
    /// https://developers.google.com/workspace/gmail/api/guides/handle-errors
    static func googleError(
        _ status: Int, reason: String, message: String, domain: String = "global", retryAfter: Int? = nil
    ) -> EmulatorReply {
        var reply = EmulatorReply.json(
            GoogleErrorJSON(
                error: .init(
                    code: status, message: message, errors: [.init(message: message, domain: domain, reason: reason)],
                    status: GoogleErrorJSON.status(for: status))),
            status: status)
        if let retryAfter { reply.headers.append(("Retry-After", String(retryAfter))) }
        if status == 401 {
            reply.headers.append(
                ("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\""))
        }
        return reply
    }

    static func notFound() -> EmulatorReply {
        googleError(404, reason: "notFound", message: "Requested entity was not found.")
    }

    static func unauthenticated() -> EmulatorReply {
        googleError(401, reason: "authError", message: "Invalid Credentials")
    }

    /// The answer to a call an injected fault hits.
    static func faultReply(_ fault: InjectedFault) -> EmulatorReply {
        switch fault.status {
        case 401:
            return unauthenticated()
        case 403:
            return googleError(
                403, reason: fault.reason ?? "userRateLimitExceeded", message: "User Rate Limit Exceeded",
                domain: "usageLimits", retryAfter: fault.retryAfter)
        case 429:
            return googleError(
                429, reason: fault.reason ?? "rateLimitExceeded", message: "Rate Limit Exceeded", domain: "usageLimits",
                retryAfter: fault.retryAfter)
        default:
            return googleError(
                fault.status, reason: fault.reason ?? "backendError", message: "Backend Error",
                retryAfter: fault.retryAfter)
        }
    }
}
