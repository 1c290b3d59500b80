import Foundation

/// One mail provider (Gmail, Microsoft Graph) as the sync engine sees it.
///
/// Nothing provider-specific leaks through: cursors are opaque, labels and folders are read
/// through `MessageState`, and every failure is a `ProviderError`. Implementations are stateless
/// HTTP clients over one shared `HTTPClient`; tokens come in through `MailboxAccess`, which the
/// caller obtains from `TokenManager` (or `ConnectedMailbox`, which does both).
///
/// ```swift
/// let mailbox = ConnectedMailbox(provider: gmail, connection: key, tokens: tokenManager)
/// let changes = try await mailbox.changes(since: cursor)
/// ```
public protocol MailProvider: Sendable {
    /// Which provider this is.
    var kind: ProviderKind { get }

    /// Whether `revoke(token:)` ends the grant at the provider (Google: yes; Microsoft: no).
    var supportsRevocation: Bool { get }

    // MARK: OAuth 2.0

    /// The URL of the provider's consent page for an authorization-code flow with PKCE (S256).
    func authorizationURL(for request: AuthorizationRequest) -> URL

    /// Exchanges an authorization code for tokens, checks that every required scope was granted
    /// (throws `insufficientScope` otherwise) and names the account by its stable id.
    func exchangeCode(_ code: String, codeVerifier: String, redirectURI: String) async throws -> ProviderGrant

    /// Gets a fresh access token; the result carries a new refresh token when the provider rotated
    /// it. A rejected refresh token throws `needsReauth`.
    func refreshTokens(refreshToken: String) async throws -> OAuthTokens

    /// Ends the grant at the provider; a no-op where the provider has no revocation.
    func revoke(token: String) async throws

    // MARK: Mailbox

    /// The mailbox's address and the other addresses it sends as.
    func profile(access: MailboxAccess) async throws -> ProviderProfile

    /// A cursor at the mailbox's current position: changes after now, nothing before.
    func currentCursor(access: MailboxAccess) async throws -> MailboxCursor

    /// Starts push notifications for the mailbox.
    func startPush(_ target: PushTarget, access: MailboxAccess) async throws -> PushSubscription

    /// Extends push notifications before `subscription.expiresAt`.
    func renewPush(_ subscription: PushSubscription, target: PushTarget, access: MailboxAccess) async throws
        -> PushSubscription

    /// Stops push notifications for the mailbox.
    func stopPush(_ subscription: PushSubscription, access: MailboxAccess) async throws

    /// One bounded page of changes after `cursor`; call again with `nextCursor` while
    /// `isComplete` is false. Throws `cursorExpired` when the provider no longer accepts the cursor.
    func changes(since cursor: MailboxCursor, access: MailboxAccess) async throws -> MailboxChanges

    /// The messages received or sent in `window` (newest first), one page at a time, for resync and
    /// backfill.
    func listMessages(in window: DateInterval, pageToken: String?, access: MailboxAccess) async throws
        -> MessageListPage

    /// One message: raw RFC 5322 bytes, provider ids, labels or folder, read state, internal date
    /// and, for the user's own sent copy, its Bcc recipients. Throws `notFound` when it is gone.
    func fetchMessage(_ message: ProviderMessageRef, access: MailboxAccess) async throws -> FetchedMessage

    /// Several messages in as few round trips as the provider allows; one result per requested id.
    func fetchMessages(_ messages: [ProviderMessageRef], access: MailboxAccess) async throws
        -> [String: Result<FetchedMessage, ProviderError>]

    /// The message whose Message-ID header is `messageID` (without angle brackets), if any.
    func findMessage(messageID: String, access: MailboxAccess) async throws -> ProviderMessageRef?

    /// Sends raw MIME whose Message-ID the caller set, as a new message or as a reply in
    /// `request.threadID`, and returns the provider's ids for the sent copy.
    func send(_ request: SendRequest, access: MailboxAccess) async throws -> SendResult

    /// Marks a message read or unread in the mailbox.
    func setRead(_ isRead: Bool, message: ProviderMessageRef, access: MailboxAccess) async throws
}

extension MailProvider {
    /// Fetches one message at a time; providers with a batch endpoint do better.
    public func fetchMessages(_ messages: [ProviderMessageRef], access: MailboxAccess) async throws
        -> [String: Result<FetchedMessage, ProviderError>]
    {
        var results = [String: Result<FetchedMessage, ProviderError>]()
        for message in messages {
            do {
                results[message.id] = .success(try await fetchMessage(message, access: access))
            } catch let error as ProviderError where !error.endsTheCall {
                results[message.id] = .failure(error)
            }
        }
        return results
    }
}
