import Foundation
import JobQueue
import Logging
import Metrics
import Providers
import Store
import SyncCore

/// The profile's "Email (2-way sync)" section as operations: start connecting, finish the OAuth
/// callback (new connection, re-auth of the same account, or update email to another), status,
/// and disconnect. SPEC "Connections and mailboxes" is the reference.
public struct ConnectionLifecycle: Sendable {
    let store: Store
    let queue: JobQueue
    let providers: ProviderRegistry
    /// Where providers send the user back (the service's `/oauth/callback`).
    let redirectURI: String
    /// Where a provider should push change notifications for a mailbox.
    let pushTarget: @Sendable (SyncCore.ProviderKind, UUID) -> PushTarget
    let logger: Logger

    /// Creates the lifecycle.
    public init(
        store: Store, queue: JobQueue, providers: ProviderRegistry, redirectURI: String,
        pushTarget: @escaping @Sendable (SyncCore.ProviderKind, UUID) -> PushTarget, logger: Logger
    ) {
        self.store = store
        self.queue = queue
        self.providers = providers
        self.redirectURI = redirectURI
        self.pushTarget = pushTarget
        self.logger = logger
    }

    /// Starts connecting: records a signed single-use state with the PKCE verifier sealed, and
    /// returns the provider's consent URL.
    public func authorize(
        scope: TenantScope, userID: UUID, provider kind: SyncCore.ProviderKind, returnURL: String?, loginHint: String?
    ) async throws -> URL {
        guard let provider = providers[kind] else { throw LifecycleError(.providerNotConfigured) }
        let pkce = PKCE()
        let state = try await store.withTenant(scope) { tx in
            try await tx.oauthStates.create(
                userID: userID, provider: kind, verifier: SecretText(pkce.verifier), returnURL: returnURL)
        }
        return provider.authorizationURL(
            for: AuthorizationRequest(
                redirectURI: redirectURI, state: state, codeChallenge: pkce.challenge, loginHint: loginHint))
    }

    /// Finishes the OAuth callback. Never leaves a half-made connection: every failure happens
    /// before the one transaction that records the connection, its mailbox, its event and its jobs.
    public func completeAuthorization(state: String, code: String?, providerError: String?) async throws
        -> AuthorizationResult
    {
        guard let route = try await store.routing.consumeOAuthState(state),
            let pending = try await store.withTenant(route.scope, { tx in try await tx.oauthStates.take(route.stateID) })
        else {
            return AuthorizationResult(returnURL: nil, outcome: .failed(.invalidState))
        }
        let fail = { (reason: AuthorizationResult.Failure) in
            AuthorizationResult(returnURL: pending.returnURL, outcome: .failed(reason))
        }
        if let providerError {
            return fail(providerError == "access_denied" ? .consentDenied : .providerError)
        }
        guard let code, let provider = providers[pending.provider] else { return fail(.providerError) }
        let grant: ProviderGrant
        let profile: ProviderProfile
        let cursor: MailboxCursor
        do {
            grant = try await provider.exchangeCode(code, codeVerifier: pending.verifier.value, redirectURI: redirectURI)
            let access = MailboxAccess(accessToken: grant.tokens.accessToken, accountID: grant.account.id)
            profile = try await provider.profile(access: access)
            cursor = try await provider.currentCursor(access: access)
        } catch let error as ProviderError {
            logger.notice("connect failed at the provider", metadata: ["code": "\(error.code)"])
            ProviderErrorMetrics.count(error, provider: pending.provider)
            switch error.code {
            case .insufficientScope: return fail(.missingScopes(error.missingScopes))
            case .consentDenied: return fail(.consentDenied)
            default: return fail(.providerError)
            }
        }
        let outcome = try await record(grant: grant, profile: profile, cursor: cursor, pending: pending, scope: route.scope)
        await afterConnect(outcome, provider: provider, grant: grant, kind: pending.provider)
        let connected: AuthorizationResult.Outcome =
            outcome.superseded != nil ? .updated : outcome.wasRestored ? .restored : .connected
        return AuthorizationResult(returnURL: pending.returnURL, outcome: connected)
    }

    /// One transaction: mailbox, connection (new, restored or replacing another), cursor of a new
    /// mailbox, events and the first jobs.
    private func record(
        grant: ProviderGrant, profile: ProviderProfile, cursor: MailboxCursor, pending: OAuthStateRepository.Pending,
        scope: TenantScope
    ) async throws -> ConnectOutcome {
        try await store.withTenant(scope) { tx in
            let mailbox = try await tx.mailboxes.upsert(
                provider: pending.provider, accountID: grant.account.id, address: profile.address)
            try await tx.mailboxes.setAliases(mailbox.id, profile.aliases)
            if try await tx.mailboxes.cursors(mailbox.id).isEmpty {
                for (folder, position) in cursor.positions {
                    try await tx.mailboxes.setCursor(mailbox.id, folderID: folder, to: position)
                }
            }
            let tokens = ConnectionTokens(
                accessToken: SecretText(grant.tokens.accessToken), refreshToken: grant.tokens.refreshToken.map(SecretText.init),
                expiresAt: grant.tokens.expiresAt)
            let outcome = try await tx.connections.connect(
                userID: pending.userID, mailboxID: mailbox.id, tokens: tokens, scopes: grant.tokens.scopes)
            try await tx.events.append(
                ConnectionStatusChanged.eventType,
                payload: ConnectionStatusChanged(connectionID: outcome.connection.id, status: "connected"))
            var jobs = [SyncJobs.sync(mailboxID: mailbox.id)]
            if let superseded = outcome.superseded {
                try await tx.events.append(
                    ConnectionStatusChanged.eventType,
                    payload: ConnectionStatusChanged(
                        connectionID: superseded.id, status: "superseded", supersededBy: outcome.connection.id))
            } else if !outcome.wasRestored, let days = try await tx.subAccounts.current().backfillDays {
                let ref = ConnectionRef(scope: scope, connectionID: outcome.connection.id)
                jobs.append(SyncJobs.backfill(connection: ref, mailboxID: mailbox.id, days: days))
            }
            try await queue.enqueue(jobs, on: tx.connection)
            return outcome
        }
    }

    /// Outside the transaction: start push for a mailbox that has none; for an update email, stop
    /// the old mailbox's push and revoke its grant when no other connection uses it. Failures here
    /// are recorded and retried by the renew job, never undo the connection.
    private func afterConnect(
        _ outcome: ConnectOutcome, provider: any MailProvider, grant: ProviderGrant, kind: SyncCore.ProviderKind
    ) async {
        let access = MailboxAccess(accessToken: grant.tokens.accessToken, accountID: grant.account.id)
        await startPushIfNeeded(mailboxID: outcome.connection.mailboxID, provider: provider, access: access, kind: kind)
        if let superseded = outcome.superseded, let tokens = outcome.supersededTokens {
            await release(mailboxID: superseded.mailboxID, tokens: tokens)
        }
    }

    private func startPushIfNeeded(
        mailboxID: UUID, provider: any MailProvider, access: MailboxAccess, kind: SyncCore.ProviderKind
    ) async {
        do {
            let mailbox = try await store.withTransaction { tx in try await tx.mailboxes.get(mailboxID) }
            if let expiry = mailbox?.pushExpiresAt, expiry > Date() { return }
            let subscription = try await provider.startPush(pushTarget(kind, mailboxID), access: access)
            try await store.withTransaction { tx in
                try await tx.mailboxes.setPush(mailboxID, subscriptionID: subscription.ids.first, expiresAt: subscription.expiresAt)
            }
        } catch {
            logger.warning("starting push failed; the renew job retries", metadata: ["mailbox": "\(mailboxID)", "error": "\(error)"])
        }
    }

    /// Stops push and revokes the grant of a mailbox whose last active connection just ended.
    private func release(mailboxID: UUID, tokens: ConnectionTokens) async {
        do {
            guard try await store.routing.connections(mailboxID: mailboxID).isEmpty else { return }
            let mailbox = try await store.withTransaction { tx -> Mailbox? in
                let mailbox = try await tx.mailboxes.get(mailboxID)
                try await queue.cancel(lane: SyncJobs.syncLane(mailboxID), on: tx.connection)
                if mailbox?.pushExpiresAt != nil { try await tx.mailboxes.setPush(mailboxID, subscriptionID: nil, expiresAt: nil) }
                return mailbox
            }
            guard let mailbox, let provider = providers[mailbox.provider], let accessToken = tokens.accessToken else { return }
            let access = MailboxAccess(accessToken: accessToken.value, accountID: mailbox.providerAccountID)
            if mailbox.pushExpiresAt != nil {
                let subscription = PushSubscription(
                    ids: mailbox.pushSubscriptionID.map { [$0] } ?? [], expiresAt: mailbox.pushExpiresAt ?? Date(), cursor: nil)
                try? await provider.stopPush(subscription, access: access)
            }
            if provider.supportsRevocation {
                try await provider.revoke(token: (tokens.refreshToken ?? accessToken).value)
            }
        } catch {
            logger.warning("releasing a mailbox failed", metadata: ["mailbox": "\(mailboxID)", "error": "\(error)"])
        }
    }

    /// The user's current connection in the sub-account (active, or the last one that ended).
    public func status(scope: TenantScope, userID: UUID) async throws -> ConnectionStatus? {
        try await store.withTenant(scope) { tx in
            let connections = try await tx.connections.list(userID: userID)
            guard let connection = connections.first(where: { $0.status.isActive })
                ?? connections.max(by: { $0.createdAt < $1.createdAt })
            else { return nil }
            let mailbox = try await tx.mailboxes.get(connection.mailboxID)
            let subAccount = try await tx.subAccounts.current()
            return ConnectionStatus(connection: connection, mailbox: mailbox, subAccount: subAccount)
        }
    }

    /// Disconnects the user's active connection: sync stops at once, its jobs are cancelled, and
    /// when no other connection uses the mailbox, push stops and the grant is revoked where the
    /// provider can (Google); tokens are deleted everywhere. Synced messages stay. False when the
    /// user had no active connection.
    @discardableResult
    public func disconnect(scope: TenantScope, userID: UUID) async throws -> Bool {
        let ended = try await store.withTenant(scope) { tx -> (Connection, ConnectionTokens?)? in
            guard let active = try await tx.connections.active(userID: userID) else { return nil }
            let tokens = try await tx.connections.disconnect(active.id)
            try await queue.cancel(lane: SyncJobs.sendLane(active.id), on: tx.connection)
            try await tx.outbox.failUnsent(
                connectionID: active.id, error: "The user's mailbox was disconnected before the email was sent.")
            try await tx.events.append(
                ConnectionStatusChanged.eventType, payload: ConnectionStatusChanged(connectionID: active.id, status: "disconnected"))
            return (active, tokens)
        }
        guard let (connection, tokens) = ended else { return false }
        if let tokens { await release(mailboxID: connection.mailboxID, tokens: tokens) }
        return true
    }
}
