/// A failure of a provider call, in provider-neutral terms.
///
/// Switch on `code`; `retryAfter`, `providerCode` and `httpStatus` carry the detail. The
/// `description` names the code, the provider's reason token and the status only; the provider's
/// own message (which can name an address) is kept for `String(reflecting:)`.
///
/// ```swift
/// do { try await mailbox.changes(since: cursor) }
/// catch let error as ProviderError where error.code == .cursorExpired { /* resync by time */ }
/// ```
public struct ProviderError: Error, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What kind of failure this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case unauthorized, needsReauth, insufficientScope, consentDenied, rateLimited, cursorExpired, notFound
            case transient, permanent
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The access token was rejected; refresh once and retry (the `TokenManager` does).
        public static let unauthorized = Code(.unauthorized)
        /// The grant is gone (refresh rejected, or rejected again right after a refresh): the user
        /// must connect again.
        public static let needsReauth = Code(.needsReauth)
        /// The grant lacks a scope the service needs (`missingScopes` names them).
        public static let insufficientScope = Code(.insufficientScope)
        /// The user denied consent on the provider's page.
        public static let consentDenied = Code(.consentDenied)
        /// The provider throttled the call; wait `retryAfter` (when given) before trying again.
        public static let rateLimited = Code(.rateLimited)
        /// The provider no longer accepts the sync cursor; resync by time window.
        public static let cursorExpired = Code(.cursorExpired)
        /// The message (or other resource) does not exist (any more).
        public static let notFound = Code(.notFound)
        /// A failure that may pass: network error, timeout, provider 5xx.
        public static let transient = Code(.transient)
        /// A failure retrying will not fix (a malformed request, a refused message).
        public static let permanent = Code(.permanent)

        /// The code's name, e.g. `rateLimited`.
        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// How long the provider asked us to wait (`Retry-After`), for `rateLimited`.
    public var retryAfter: Duration?
    /// The provider's reason token (Google `error.errors[].reason` or OAuth `error`, Graph
    /// `error.code`), e.g. `userRateLimitExceeded` or `invalid_grant`.
    public var providerCode: String?
    /// The HTTP status of the provider's answer, when there was one.
    public var httpStatus: Int?
    /// The scopes a grant lacks, for `insufficientScope`.
    public var missingScopes: [String]
    /// The provider's own message; only in `debugDescription`, because it can name an address.
    public var providerMessage: String?

    /// Creates an error.
    public init(
        _ code: Code, retryAfter: Duration? = nil, providerCode: String? = nil, httpStatus: Int? = nil,
        missingScopes: [String] = [], providerMessage: String? = nil
    ) {
        self.code = code
        self.retryAfter = retryAfter
        self.providerCode = providerCode
        self.httpStatus = httpStatus
        self.missingScopes = missingScopes
        self.providerMessage = providerMessage
    }

    /// Whether the failure concerns the whole call (token, throttling, outage) rather than one
    /// message of a batch, so a batch stops at it instead of recording it per message.
    public var endsTheCall: Bool {
        switch code {
        case .notFound, .permanent: false
        default: true
        }
    }

    public var description: String {
        var parts = ["ProviderError.\(code)"]
        if let retryAfter { parts.append("retry after \(retryAfter)") }
        if let providerCode { parts.append("reason \(providerCode)") }
        if let httpStatus { parts.append("HTTP \(httpStatus)") }
        if !missingScopes.isEmpty { parts.append("missing \(missingScopes.joined(separator: " "))") }
        return parts.joined(separator: ", ")
    }

    public var debugDescription: String {
        guard let providerMessage else { return description }
        return "\(description): \(providerMessage)"
    }
}
