import AsyncHTTPClient
import Foundation

/// Outlook / Microsoft 365 through Microsoft Graph v1.0 and the Microsoft identity platform, as a
/// `MailProvider`.
///
/// Every Graph request carries `Prefer: IdType="ImmutableId"`, so message ids survive moves; at
/// most four requests run at once per mailbox; a short `Retry-After` is waited out in place and a
/// long one ends the call with `rateLimited`. The cursor holds one delta link per synced mail
/// folder (keyed by folder id, as the mailbox cursors table stores them). Microsoft has no
/// per-app token revocation: `revoke(token:)` does nothing, and disconnecting means deleting the
/// subscriptions (`stopPush`) and forgetting the tokens.
///
/// ```swift
/// let graph = GraphClient(configuration: .fromEnvironment(), httpClient: .shared)
/// let page = try await tokens.withAccess(for: key, provider: graph) { access in
///     try await graph.changes(since: cursor, access: access)
/// }
/// ```
public struct GraphClient: MailProvider {
    /// Where and as whom the client talks to Microsoft.
    public let configuration: MicrosoftConfiguration
    /// Paging, caching, waiting and limits.
    public let options: GraphClientOptions
    let http: GraphHTTP
    let identity: MicrosoftIdentity
    let folderCache = GraphFolderCache()
    let now: @Sendable () -> Date

    /// Creates a client over a shared `HTTPClient`. Pass one `limiter` to every client of the
    /// process so the per-mailbox limit holds across them; `now` is swappable for tests.
    public init(
        configuration: MicrosoftConfiguration, httpClient: HTTPClient, options: GraphClientOptions = .init(),
        limiter: MailboxRequestLimiter? = nil, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.configuration = configuration
        self.options = options
        self.now = now
        http = GraphHTTP(
            client: httpClient,
            limiter: limiter ?? MailboxRequestLimiter(permitsPerMailbox: options.maxConcurrentRequestsPerMailbox),
            options: options)
        identity = MicrosoftIdentity(configuration: configuration, http: http, now: now)
    }

    /// `.microsoft`.
    public var kind: ProviderKind { .microsoft }

    /// False: the identity platform offers no per-app revocation of a user's grant.
    public var supportsRevocation: Bool { false }

    /// The limiter every request of this client goes through.
    public var limiter: MailboxRequestLimiter { http.limiter }

    /// `{graphURL}/me/{segments...}?{query}`.
    func meURL(_ segments: String..., query: [(String, String)] = []) -> String {
        GraphURL.make(configuration.graphURL, ["me"] + segments, query: query)
    }

    /// A paging link Graph returned, refused unless it points back at the configured Graph root,
    /// so a bearer token never goes anywhere else.
    func checkedLink(_ link: String) throws -> String {
        guard link.hasPrefix(configuration.graphURL + "/") else {
            throw ProviderError(.permanent, providerCode: "foreignLink")
        }
        return link
    }
}
