import Foundation
import Postgres
import Store
import SyncCore
import TestSupport
import Testing

/// The send path's tables and tokens: Idempotency-Keys, the mailbox's daily send count, the
/// bulk unsubscribe token.
@Suite(.freshDatabase)
struct SendingRepositoryTests {
    @Test func anIdempotencyKeyReplaysItsAnswerRefusesAnotherBodyAndIsFreeAgainAfter24Hours() async throws {
        let store = Store(client: try TestDatabase.current.app, keyring: try .random())
        let tenant = try await TenantFixture.make(store)
        let other = try await TenantFixture.make(store)
        try await store.withTenant(tenant.scope) { tx in
            #expect(try await tx.idempotencyKeys.claim("k", requestHash: "h1") == .claimed)
            try await tx.idempotencyKeys.complete("k", status: 202, body: Array("{\"a\":1}".utf8))
            #expect(
                try await tx.idempotencyKeys.claim("k", requestHash: "h1")
                    == .replay(status: 202, body: Array("{\"a\":1}".utf8)))
            #expect(try await tx.idempotencyKeys.claim("k", requestHash: "h2") == .mismatch)
            try await tx.connection.query("UPDATE idempotency_keys SET expires_at = now() - interval '1 second'")
            #expect(try await tx.idempotencyKeys.claim("k", requestHash: "h2") == .claimed)
        }
        // Keys are per sub-account.
        let claimed = try await store.withTenant(other.scope) { tx in
            try await tx.idempotencyKeys.claim("k", requestHash: "h3")
        }
        #expect(claimed == .claimed)
    }

    @Test func theRequestHashCoversRouteAndBody() {
        let hash = IdempotencyKeyRepository.requestHash(route: "emails", body: Array("{}".utf8))
        #expect(hash.count == 64)
        #expect(hash == IdempotencyKeyRepository.requestHash(route: "emails", body: Array("{}".utf8)))
        #expect(hash != IdempotencyKeyRepository.requestHash(route: "emails", body: Array("{ }".utf8)))
        #expect(hash != IdempotencyKeyRepository.requestHash(route: "other", body: Array("{}".utf8)))
    }

    @Test func theDailySendCountHoldsBulkMailAtTheLimitAndCountsEverySend() async throws {
        let store = Store(client: try TestDatabase.current.app, keyring: try .random())
        let tenant = try await TenantFixture.make(store)
        try await store.withTenant(tenant.scope) { tx in
            #expect(try await tx.mailboxes.reserveSend(tenant.mailboxID, recipients: 2, limit: 3))
            #expect(!(try await tx.mailboxes.reserveSend(tenant.mailboxID, recipients: 2, limit: 3)))
            #expect(try await tx.mailboxes.reserveSend(tenant.mailboxID, recipients: 1, limit: 3))
            // A send without a limit (not bulk) is counted past it.
            #expect(try await tx.mailboxes.reserveSend(tenant.mailboxID, recipients: 5, limit: nil))
            #expect(!(try await tx.mailboxes.reserveSend(tenant.mailboxID, recipients: 1, limit: 3)))
            // Yesterday's count does not hold today's mail.
            try await tx.connection.query(
                "UPDATE mailboxes SET send_quota_day = send_quota_day - 1 WHERE id = \(tenant.mailboxID)")
            #expect(try await tx.mailboxes.reserveSend(tenant.mailboxID, recipients: 3, limit: 3))
        }
    }

    @Test func anUnsubscribeTokenVerifiesUnderItsKeyringOnly() throws {
        let keyring = try Keyring.random(id: "k.1")
        let scope = TenantScope.subAccount(UUID(), of: UUID())
        let token = UnsubscribeToken(scope: scope, contactID: UUID())
        let text = try token.signed(with: keyring)
        #expect(UnsubscribeToken.verify(text, keyring: keyring) == token)
        #expect(text.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) })
        #expect(UnsubscribeToken.verify(text, keyring: try .random(id: "k.1")) == nil)
        let parts = text.split(separator: ".", maxSplits: 2).map(String.init)
        let otherContact = try UnsubscribeToken(scope: scope, contactID: UUID()).signed(with: keyring)
        let swapped = otherContact.split(separator: ".", maxSplits: 1)[0] + "." + parts[1] + "." + parts[2]
        #expect(UnsubscribeToken.verify(String(swapped), keyring: keyring) == nil)
        #expect(UnsubscribeToken.verify("", keyring: keyring) == nil)
    }

    @Test func bulkUnsubscribeIsRecordedOnceAndReadInOneQuery() async throws {
        let store = Store(client: try TestDatabase.current.app, keyring: try .random())
        let tenant = try await TenantFixture.make(store)
        try await store.withTenant(tenant.scope) { tx in
            let other = try await tx.contacts.create(email: "bert@example.test", name: nil, source: .crm)
            #expect(try await tx.contacts.unsubscribedFromBulk(among: [tenant.contactID, other.id]).isEmpty)
            #expect(try await tx.contacts.unsubscribeFromBulk(tenant.contactID))
            #expect(try await tx.contacts.unsubscribeFromBulk(tenant.contactID))
            #expect(!(try await tx.contacts.unsubscribeFromBulk(UUID())))
            #expect(try await tx.contacts.unsubscribedFromBulk(among: [tenant.contactID, other.id]) == [tenant.contactID])
        }
    }
}
