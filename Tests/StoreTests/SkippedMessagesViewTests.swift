import Foundation
import Postgres
import Store
import SyncCore
import TestSupport
import Testing

/// `admin.skipped_messages` (`mailsync admin skipped`): skipped messages counted per
/// sub-account, connection and reason; synced ones are not counted.
@Suite(.freshDatabase)
struct SkippedMessagesViewTests {
    @Test func countsSkipsPerSubAccountConnectionAndReasonWithTheLastTime() async throws {
        let db = try TestDatabase.current
        let store = Store(client: db.app, keyring: try .random())
        let tenant = try await TenantFixture.make(store)
        let other = try await TenantFixture.make(store)
        try await store.withTenant(tenant.scope) { tx in
            for (id, decision) in [
                ("m2", SyncDecision.skip(.notAContact)), ("m3", .skip(.notAContact)), ("m4", .skip(.fromUser)),
                (
                    "m5",
                    .sync(
                        SyncPlan(
                            direction: .inbound, reason: .contactInbound, contactIDs: [], newContacts: [],
                            attachments: [],
                            unsyncedAttachments: []))
                ),
            ] {
                try await tx.syncDecisions.record(
                    connectionID: tenant.connectionID, providerMessageID: id, messageID: "\(id)@example.test",
                    decision: decision, addresses: [])
            }
            try await tx.connection.query(
                "UPDATE sync_decisions SET decided_at = now() - interval '1 day' WHERE provider_message_id = 'm2'")
        }

        let (mine, everyone) = try await db.withClient(role: "mailsync_admin") { admin in
            let report = SkippedMessageReport(client: admin)
            return (try await report.rows(subAccountID: tenant.subAccountID), try await report.rows())
        }
        #expect(mine.map { "\($0.reason)=\($0.messages)" } == ["not_a_contact=3", "from_user=1"])
        #expect(mine.allSatisfy { $0.connectionID == tenant.connectionID && $0.subAccountID == tenant.subAccountID })
        #expect(mine.first.map { Date().timeIntervalSince($0.lastSeenAt) < 3600 } == true)
        #expect(Set(everyone.map(\.subAccountID)) == [tenant.subAccountID, other.subAccountID])
    }

    @Test func runtimeRoleCannotReadTheView() async throws {
        let db = try TestDatabase.current
        await expectSQLState("42501", "admin views are for mailsync_admin") {
            try await db.app.query("SELECT count(*) FROM admin.skipped_messages")
        }
    }
}
