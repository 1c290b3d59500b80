import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The Gmail API and Google OAuth as a `MailProvider`.
///
/// Stateless apart from the per-mailbox quota ledger; share one per process. Every URL comes from
/// `GoogleConfiguration`, so the same client talks to Google or to the built-in emulator.
///
/// ```swift
/// let gmail = GmailProvider(configuration: GoogleConfiguration(), httpClient: .shared)
/// ```
public struct GmailProvider: MailProvider {
    /// Google endpoints, OAuth client and push settings.
    public let configuration: GoogleConfiguration
    /// History records asked for per `changes(since:)` page (Gmail allows up to 500).
    public let historyPageSize: Int
    let http: ProviderHTTP
    let quota: QuotaLedger

    /// Creates a client over a shared `HTTPClient`; `quota` is shared by all calls of this process.
    public init(
        configuration: GoogleConfiguration, httpClient: HTTPClient, quota: QuotaLedger = QuotaLedger(),
        timeout: TimeAmount = .seconds(60), historyPageSize: Int = 500
    ) {
        self.configuration = configuration
        http = ProviderHTTP(client: httpClient, timeout: timeout)
        self.quota = quota
        self.historyPageSize = min(max(historyPageSize, 1), 500)
    }

    /// `.gmail`.
    public var kind: ProviderKind { .gmail }

    /// Google revokes a grant at `POST /revoke`.
    public var supportsRevocation: Bool { true }

    /// The most calls put in one batch request: Google allows 100 but advises against more than 50.
    /// https://developers.google.com/workspace/gmail/api/guides/batch
    static let maxBatchSize = 50

    /// The labels whose changes `users.watch` pushes.
    static let watchedLabels = ["INBOX", "SENT"]

    /// `https://gmail.googleapis.com/gmail/v1/users/me/<path>` (or the configured origin).
    func apiURL(_ path: String, query: [(String, String)] = []) -> String {
        let url = originPath() + "/gmail/v1/users/me/" + path
        return query.isEmpty ? url : url + "?" + FormEncoding.encode(query)
    }

    /// The configured origin without a trailing slash.
    func originPath() -> String {
        var origin = configuration.gmailAPIURL.absoluteString
        while origin.hasSuffix("/") { origin.removeLast() }
        return origin
    }

    /// Calls one Gmail API method after spending its quota units; non-2xx answers throw the mapped
    /// `ProviderError`, and a 429 pauses the mailbox's budget for its `Retry-After`.
    func call(
        _ method: GmailMethod, _ httpMethod: HTTPMethod, _ url: String, json body: (any Encodable & Sendable)? = nil,
        access: MailboxAccess, units: Int? = nil, maxBodyBytes: Int = 64 << 20
    ) async throws -> HTTPReply {
        try await quota.spend(units ?? method.units, account: access.accountID)
        var headers: HTTPHeaders = ["Authorization": "Bearer \(access.accessToken)", "Accept": "application/json"]
        var bytes: [UInt8]?
        if let body {
            headers.add(name: "Content-Type", value: "application/json")
            bytes = Array(try JSONEncoder().encode(body))
        }
        let reply = try await http.send(httpMethod, url, headers: headers, body: bytes, maxBodyBytes: maxBodyBytes)
        guard reply.isSuccess else { throw await failure(reply, access: access) }
        return reply
    }

    /// The mapped error of a failed answer, pausing the budget when Google asked for a pause.
    func failure(_ reply: HTTPReply, access: MailboxAccess) async -> ProviderError {
        let error = GoogleErrorMapping.apiError(reply)
        if error.code == .rateLimited, let retryAfter = error.retryAfter {
            await quota.pause(account: access.accountID, for: retryAfter)
        }
        return error
    }

    /// Decodes a JSON answer; an unreadable one is a permanent failure of this call.
    func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw ProviderError(.permanent, providerCode: "unreadableResponse", providerMessage: "\(error)")
        }
    }
}
