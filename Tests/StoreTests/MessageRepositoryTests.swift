import Foundation
import Postgres
import Store
import SyncCore
import TestSupport
import Testing

/// The message tables keep their identities in the database: one message per sub-account and
/// fingerprint, one map per connection and provider id, one decision per connection and message.
@Suite(.freshDatabase)
struct MessageRepositoryTests {
    private func message(thread: UUID, fingerprint: String) -> NewMessage {
        NewMessage(
            threadID: thread, direction: .inbound, source: .mailbox, syncReason: .contactInbound,
            messageID: "m@example.test",
            fingerprint: fingerprint, from: MailAddressText(address: "anna@example.test", name: nil), to: [], cc: [],
            bcc: [],
            subject: nil, textBody: "Hi", htmlBody: nil, inReplyTo: [], references: [], sentAt: nil, isRead: false,
            isTrashed: false, senderConnectionID: nil)
    }

    @Test func aSecondInsertOfAFingerprintReturnsTheStoredMessage() async throws {
        let store = Store(client: try TestDatabase.current.app, keyring: try .random())
        let tenant = try await TenantFixture.make(store)
        try await store.withTenant(tenant.scope) { tx in
            let thread = try await tx.threads.create(origin: .mailbox)
            let first = try await tx.messages.insert(message(thread: thread, fingerprint: "0123456789abcdef"))
            let other = try await tx.threads.create(origin: .mailbox)
            let second = try await tx.messages.insert(message(thread: other, fingerprint: "0123456789abcdef"))
            #expect(first.isNew && !second.isNew)
            #expect(second.id == first.id && second.threadID == thread)
            try await tx.threads.deleteUnused(other)
            try await tx.threads.deleteUnused(thread)
            #expect(
                try await tx.connection.query("SELECT count(*) FROM threads WHERE id IN (\(thread), \(other))").single()
                    .decode(Int.self, at: 0) == 1)
        }
    }

    @Test func theDatabaseRefusesADuplicateMessageMapOrDecision() async throws {
        let store = Store(client: try TestDatabase.current.app, keyring: try .random())
        let tenant = try await TenantFixture.make(store)
        for statement: PostgresQuery in [
            """
            INSERT INTO messages (sub_account_id, thread_id, direction, source, sync_reason, message_id, fingerprint)
            SELECT sub_account_id, thread_id, direction, source, sync_reason, message_id, fingerprint FROM messages
            WHERE sub_account_id = \(tenant.subAccountID)
            """,
            "INSERT INTO provider_message_maps SELECT * FROM provider_message_maps WHERE sub_account_id = \(tenant.subAccountID)",
            "INSERT INTO provider_thread_maps SELECT * FROM provider_thread_maps WHERE sub_account_id = \(tenant.subAccountID)",
            "INSERT INTO sync_decisions SELECT * FROM sync_decisions WHERE sub_account_id = \(tenant.subAccountID)",
        ] {
            let error = await #expect(throws: PostgresError.self) {
                try await store.withTenant(tenant.scope) { tx in _ = try await tx.connection.query(statement) }
            }
            #expect(error?.isUniqueViolation == true, "\(statement)")
        }
    }

    @Test func aDecisionDecidedAgainReplacesTheFirstAndKeepsItsTimeWhenUnchanged() async throws {
        let store = Store(client: try TestDatabase.current.app, keyring: try .random())
        let tenant = try await TenantFixture.make(store)
        let decidedAt: PostgresQuery = "SELECT decided_at FROM sync_decisions WHERE provider_message_id = 'msg-1'"
        let (first, same, changed, decision) = try await store.withTenant(tenant.scope) { tx in
            let first = try await tx.connection.query(decidedAt).single().decode(Date.self, at: 0)
            try await tx.syncDecisions.record(
                connectionID: tenant.connectionID, providerMessageID: "msg-1", messageID: "x@example.test",
                decision: .skip(.notAContact), addresses: ["anna@example.test"])
            let same = try await tx.connection.query(decidedAt).single().decode(Date.self, at: 0)
            try await tx.syncDecisions.record(
                connectionID: tenant.connectionID, providerMessageID: "msg-1", messageID: "x@example.test",
                decision: .skip(.fromUser), addresses: ["Boss@Example.test"])
            let changed = try await tx.connection.query(decidedAt).single().decode(Date.self, at: 0)
            return (first, same, changed, try await tx.syncDecisions.get(connectionID: tenant.connectionID, providerMessageID: "msg-1"))
        }
        #expect(same == first, "the same outcome keeps the time of the fixture's transaction")
        #expect(changed > first, "another outcome takes this transaction's time")
        #expect(decision?.decision == "skipped" && decision?.reason == "from_user")
    }
}
