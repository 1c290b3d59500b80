import Foundation
import Postgres
@testable import Store
import SyncCore
import TestSupport
import Testing

@Suite(.freshDatabase)
struct TenantEraserTests {
    @Test func eraseRemovesEveryRowOfTheTenantAndNoneOfAnother() async throws {
        let db = try TestDatabase.current
        let store = Store(client: db.app, keyring: try .random())
        let shared = "erase-shared-\(UUID().uuidString)"
        let doomed = try await TenantFixture.make(store, mailboxAccount: shared)
        let sibling = try await TenantFixture.make(store, agencyID: doomed.agencyID, mailboxAccount: shared)
        let other = try await TenantFixture.make(store)
        let ownMailbox = try await store.withTenant(doomed.scope) { tx in
            let user = try await tx.users.create(email: "second@example.test", name: nil)
            try await tx.users.addMembership(userID: user.id)
            let mailbox = try await tx.mailboxes.upsert(provider: .microsoft, accountID: "erase-own-\(UUID())", address: "own@outlook.test")
            _ = try await tx.connections.create(
                userID: user.id, mailboxID: mailbox.id, tokens: ConnectionTokens(accessToken: nil, refreshToken: nil, expiresAt: nil),
                scopes: [])
            return mailbox.id
        }
        let tables = try await TenantTable.all(db.owner)

        try await db.withClient(role: "mailsync_admin") { admin in
            func snapshot(_ fixture: TenantFixture) async throws -> [String: Int] {
                try await admin.withConnection { connection in
                    var counts: [String: Int] = [:]
                    for table in tables {
                        counts[table.name] = try await table.count(fixture.tenantValue(table.level), on: connection)
                    }
                    return counts
                }
            }
            let siblingBefore = try await snapshot(sibling)
            let otherBefore = try await snapshot(other)
            let doomedBefore = try await snapshot(doomed)

            let report = try await TenantEraser(client: admin).erase(subAccountID: doomed.subAccountID)

            let counts = Dictionary(uniqueKeysWithValues: report.map { ($0.table, $0.rows) })
            for table in tables where table.level == .subAccount {
                #expect(counts[table.name] == doomedBefore[table.name], "\(table) count reported")
            }
            #expect(counts["connections"] == 2)
            #expect(counts["mailboxes"] == 1, "only the mailbox no other connection uses")
            #expect(counts["mailbox_cursors"] == 0)

            let doomedAfter = try await snapshot(doomed)
            for table in tables where table.level == .subAccount {
                #expect(doomedAfter[table.name] == 0, "\(table) keeps rows of the erased tenant")
            }
            #expect(try await snapshot(sibling) == siblingBefore)
            #expect(try await snapshot(other) == otherBefore)

            let mailboxes = try await admin.query("SELECT id FROM mailboxes WHERE id = \(ownMailbox) OR id = \(doomed.mailboxID)")
                .decodeColumn(UUID.self)
            #expect(mailboxes == [doomed.mailboxID], "the shared mailbox stays, the tenant's own is gone")

            let again = try await #require(throws: StoreError.self) {
                try await TenantEraser(client: admin).erase(subAccountID: doomed.subAccountID)
            }
            #expect(again.code == .notFound)
        }
        #expect(try await store.routing.subAccount(bccAddress: doomed.bccAddress) == nil)
        #expect(try await store.routing.connections(mailboxID: doomed.mailboxID).map(\.scope) == [sibling.scope])
    }

    @Test func tablesAreErasedChildrenFirst() {
        let order = TenantEraser.childrenFirst(
            ["contacts", "connections", "memberships", "oauth_states"],
            references: [("connections", "memberships"), ("oauth_states", "memberships"), ("connections", "connections")])
        #expect(order.firstIndex(of: "connections")! < order.firstIndex(of: "memberships")!)
        #expect(order.firstIndex(of: "oauth_states")! < order.firstIndex(of: "memberships")!)
        #expect(Set(order) == ["contacts", "connections", "memberships", "oauth_states"])
    }
}
