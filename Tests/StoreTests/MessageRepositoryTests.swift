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

    /// The second transaction's insert waits on the first's uncommitted conversation; once that
    /// commits, the waiting statement's snapshot cannot see it, and the second statement links it.
    @Test func aConversationAnotherTransactionCreatedWhileThisOneWaitedIsFoundAndLinked() async throws {
        let database = try TestDatabase.current
        let store = Store(client: database.app, keyring: try .random())
        let tenant = try await TenantFixture.make(store)
        let contact = try await store.withTenant(tenant.scope) { tx in
            try await tx.contacts.create(email: "race-\(UUID().uuidString.prefix(8))@example.test", name: nil, source: .crm)
        }
        let (first, second) = try await store.withTenant(tenant.scope) { tx in
            (try await tx.threads.create(origin: .mailbox), try await tx.threads.create(origin: .mailbox))
        }
        let created = try await store.withTenant(tenant.scope) { tx in
            let id = try await tx.conversations.link(threadID: first, toConversationOf: contact.id)
            let waiting = Task {
                try await store.withTenant(tenant.scope) { other in
                    try await other.conversations.link(threadID: second, toConversationOf: contact.id)
                }
            }
            let superuser = database.client(role: "postgres", maxConnections: 1)
            let deadline = ContinuousClock.now + .seconds(10)
            while try await superuser.query(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
            ).single().decode(Int.self, at: 0) == 0 {
                guard ContinuousClock.now < deadline else {
                    Issue.record("the second transaction never waited for the first")
                    break
                }
                try await Task.sleep(for: .milliseconds(10))
            }
            await superuser.shutdown()
            return (id, waiting)
        }
        #expect(try await created.1.value == created.0)
        try await store.withTenant(tenant.scope) { (tx: TenantTransaction) async throws in
            #expect(try await tx.conversations.conversations(threadID: first) == [created.0])
            #expect(try await tx.conversations.conversations(threadID: second) == [created.0])
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
