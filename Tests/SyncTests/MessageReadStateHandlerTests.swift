import Emulators
import Foundation
import JobQueue
import Store
import Sync
import SyncCore
import TestSupport
import Testing

/// `message.set_read` against the Google emulator's failures: a rate limit asks to retry after
/// the provider's delay, a revoked grant or a disconnected connection ends the job untouched.
/// Each leaves the mailbox unreachable on purpose, so the worlds skip the closing reconcile.
@Suite(.freshDatabase, .serialized)
struct MessageReadStateHandlerTests {
    /// Delivers a synced message, marks it read in the CRM row and returns its ids.
    private func readInTheCRM(_ world: SyncWorld) async throws -> (gmailID: String, messageID: UUID) {
        let gmail = try await world.deliver(
            mail(
                from: SyncWorld.carol, to: [world.address], subject: "Read",
                id: "h\(world.address.count)@client.example"))
        try await world.syncWithWorker()
        let messageID = try #require(try await world.column("SELECT id FROM messages", as: UUID.self).first)
        #expect(
            try await world.store.withTenant(world.scope) { tx in try await tx.messages.setRead(messageID, isRead: true)
            })
        return (gmail.id, messageID)
    }

    @Test func aRateLimitAsksToRetryAfterTheProvidersDelay() async throws {
        try await SyncWorld.with(mailbox: "s", reconcile: false) { world in
            let (gmailID, messageID) = try await readInTheCRM(world)
            await world.emulator.world.inject(
                InjectedFault(endpoint: "gmail.users.messages.modify", status: 429, retryAfter: 30))
            let handler = MessageReadStateHandler(sync: world.handler)
            let connection = ConnectionRef(scope: world.scope, connectionID: world.connectionID)

            let error = await #expect(throws: RetryLater.self) {
                try await handler.apply(connection: connection, messageID: messageID)
            }
            let delay = try #require(error?.delay)
            #expect(delay > .seconds(25) && delay <= .seconds(30))
            #expect(try await world.labels(gmailID).contains("UNREAD"))
        }
    }

    @Test func aRevokedGrantStopsWithoutChangingTheMailbox() async throws {
        try await SyncWorld.with(mailbox: "ss", reconcile: false) { world in
            let (gmailID, messageID) = try await readInTheCRM(world)
            #expect(await world.emulator.world.revokeGrants(of: world.address) > 0)
            _ = await world.emulator.world.expireAccessTokens(of: world.address)
            let handler = MessageReadStateHandler(sync: world.handler)

            #expect(
                try await handler.apply(
                    connection: ConnectionRef(scope: world.scope, connectionID: world.connectionID),
                    messageID: messageID) == .succeeded)
            #expect(try await world.labels(gmailID).contains("UNREAD"))
            #expect(try await world.column("SELECT status FROM connections", as: String.self) == ["needs_reauth"])
        }
    }

    @Test func aDisconnectedConnectionGetsNoProviderCall() async throws {
        try await SyncWorld.with(mailbox: "sss", reconcile: false) { world in
            let (gmailID, messageID) = try await readInTheCRM(world)
            try await world.store.withTenant(world.scope) { tx in
                _ = try await tx.connections.disconnect(world.connectionID)
            }
            await world.emulator.world.inject(InjectedFault(endpoint: "gmail.*", status: 500, count: 5))

            #expect(
                try await MessageReadStateHandler(sync: world.handler).apply(
                    connection: ConnectionRef(scope: world.scope, connectionID: world.connectionID),
                    messageID: messageID) == .succeeded)
            #expect(try await world.labels(gmailID).contains("UNREAD"))
        }
    }
}
