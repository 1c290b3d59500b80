import Foundation
import Hummingbird
import Logging
import NIOCore

/// Who is calling: an agency's API key, or a CRM user's short-lived token.
public enum Principal: Sendable, Hashable {
    /// An agency API key: reaches every sub-account of its agency.
    case agency(agencyID: UUID, apiKeyID: UUID)
    /// A user token: reaches only that user's own connection in one sub-account.
    case user(agencyID: UUID, subAccountID: UUID, userID: UUID)
}

/// The request context of every route: the authenticated principal, and a request size limit.
public struct MailSyncRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``AuthenticationMiddleware``; nil on public routes.
    public var principal: Principal?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.principal = nil
    }

    /// JSON bodies are small: 1 MiB is plenty and bounds memory per request.
    public var maxUploadSize: Int { 1024 * 1024 }

    /// JSON answers: ISO 8601 dates, slashes unescaped (`application/pdf`, URLs).
    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }
}
