import Foundation

/// One connection's mailbox: the provider calls without the token plumbing. Each call goes
/// through `TokenManager.withAccess`, so tokens are refreshed ahead of expiry and once after an
/// `unauthorized`.
///
/// ```swift
/// let mailbox = ConnectedMailbox(provider: gmail, connection: key, tokens: tokenManager)
/// let message = try await mailbox.fetchMessage(ref)
/// ```
public struct ConnectedMailbox<Provider: MailProvider, Store: TokenStore>: Sendable {
    /// The provider the mailbox lives at.
    public let provider: Provider
    /// The connection whose tokens are used.
    public let connection: Store.ConnectionKey
    /// The token manager.
    public let tokens: TokenManager<Store>

    /// Creates a mailbox handle.
    public init(provider: Provider, connection: Store.ConnectionKey, tokens: TokenManager<Store>) {
        self.provider = provider
        self.connection = connection
        self.tokens = tokens
    }

    private func run<T: Sendable>(_ call: @Sendable (Provider, MailboxAccess) async throws -> T) async throws -> T {
        let provider = provider
        return try await tokens.withAccess(for: connection, provider: provider) { try await call(provider, $0) }
    }

    /// See `MailProvider.profile(access:)`.
    public func profile() async throws -> ProviderProfile {
        try await run { try await $0.profile(access: $1) }
    }

    /// See `MailProvider.currentCursor(access:)`.
    public func currentCursor() async throws -> MailboxCursor {
        try await run { try await $0.currentCursor(access: $1) }
    }

    /// See `MailProvider.startPush(_:access:)`.
    public func startPush(_ target: PushTarget) async throws -> PushSubscription {
        try await run { try await $0.startPush(target, access: $1) }
    }

    /// See `MailProvider.renewPush(_:target:access:)`.
    public func renewPush(_ subscription: PushSubscription, target: PushTarget) async throws -> PushSubscription {
        try await run { try await $0.renewPush(subscription, target: target, access: $1) }
    }

    /// See `MailProvider.stopPush(_:access:)`.
    public func stopPush(_ subscription: PushSubscription) async throws {
        try await run { try await $0.stopPush(subscription, access: $1) }
    }

    /// See `MailProvider.changes(since:access:)`.
    public func changes(since cursor: MailboxCursor) async throws -> MailboxChanges {
        try await run { try await $0.changes(since: cursor, access: $1) }
    }

    /// See `MailProvider.listMessages(in:pageToken:access:)`.
    public func listMessages(in window: DateInterval, pageToken: String?) async throws -> MessageListPage {
        try await run { try await $0.listMessages(in: window, pageToken: pageToken, access: $1) }
    }

    /// See `MailProvider.fetchMessage(_:access:)`.
    public func fetchMessage(_ message: ProviderMessageRef) async throws -> FetchedMessage {
        try await run { try await $0.fetchMessage(message, access: $1) }
    }

    /// See `MailProvider.fetchMessages(_:access:)`.
    public func fetchMessages(_ messages: [ProviderMessageRef]) async throws
        -> [String: Result<FetchedMessage, ProviderError>]
    {
        try await run { try await $0.fetchMessages(messages, access: $1) }
    }

    /// See `MailProvider.findMessage(messageID:access:)`.
    public func findMessage(messageID: String) async throws -> ProviderMessageRef? {
        try await run { try await $0.findMessage(messageID: messageID, access: $1) }
    }

    /// See `MailProvider.send(_:access:)`.
    public func send(_ request: SendRequest) async throws -> SendResult {
        try await run { try await $0.send(request, access: $1) }
    }

    /// See `MailProvider.setRead(_:message:access:)`.
    public func setRead(_ isRead: Bool, message: ProviderMessageRef) async throws {
        try await run { try await $0.setRead(isRead, message: message, access: $1) }
    }
}
