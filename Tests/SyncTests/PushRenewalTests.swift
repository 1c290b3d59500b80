import Foundation
import JobQueue
import Logging
import Providers
import Store
import Sync
import SyncCore
import TestSupport
import Testing

/// `mailbox.renew_push`: what Graph's `reauthorizationRequired` and `subscriptionRemoved`
/// lifecycle notifications, and push that failed at connect time, end in.
@Suite(.freshDatabase, .serialized)
struct PushRenewalTests {
    /// The renewal handler over the world's database, with a Gmail client that has a Pub/Sub
    /// topic (the world's own client has none, so its watch failed when the mailbox connected).
    private func renewal(_ world: SyncWorld) -> PushRenewalHandler {
        let google = GoogleConfiguration.servedFrom(
            world.origin, clientID: SyncWorld.clientID, clientSecret: "secret",
            pushTopic: "projects/mailsync-test/topics/gmail")
        let sync = MailboxSyncHandler(
            store: world.store, queue: world.queue,
            providers: ProviderRegistry([GmailProvider(configuration: google, httpClient: world.http)]),
            tokens: TokenManager(store: PostgresTokenStore(store: world.store)), logger: Logger(label: "test.renew"))
        return PushRenewalHandler(sync: sync, targets: PushTargets(publicURL: "http://127.0.0.1:9", keyring: world.store.keyring))
    }
    @Test func renewStartsAMissingWatchRecordsItsExpiryAndRenewsItAgain() async throws {
        try await SyncWorld.with(mailbox: "renewals") { world in
            let renewal = renewal(world)
            let expiry: () async throws -> Date? = {
                try await world.store.withTransaction { tx in try await tx.mailboxes.get(world.mailboxID)?.pushExpiresAt }
            }
            #expect(try await expiry() == nil)

            #expect(try await renewal.renew(mailboxID: world.mailboxID) == .succeeded)
            let first = try #require(try await expiry())
            #expect(first > Date().addingTimeInterval(86_400))

            #expect(try await renewal.renew(mailboxID: world.mailboxID) == .succeeded)
            let second = try #require(try await expiry())
            #expect(second >= first)
        }
    }

    @Test func renewWithARevokedGrantMarksTheConnectionAndRecordsNoPush() async throws {
        try await SyncWorld.with(mailbox: "renewgone", reconcile: false) { world in
            #expect(await world.emulator.world.revokeGrants(of: world.address) > 0)
            let renewal = renewal(world)
            var handlers = JobHandlers()
            renewal.register(in: &handlers)
            #expect(handlers.kinds == ["mailbox.renew_push"])
            let error = await #expect(throws: ProviderError.self) { try await renewal.renew(mailboxID: world.mailboxID) }
            #expect(error?.code == .needsReauth)
            #expect(try await world.column("SELECT status FROM connections", as: String.self) == ["needs_reauth"])
            let expiry = try await world.store.withTransaction { tx in try await tx.mailboxes.get(world.mailboxID)?.pushExpiresAt }
            #expect(expiry == nil)
        }
    }
}
