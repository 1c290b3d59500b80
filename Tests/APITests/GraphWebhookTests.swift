import API
import Foundation
import Hummingbird
import HummingbirdTesting
import Postgres
import Store
import SyncCore
import TestSupport
import Testing

/// Microsoft Graph notifications: validation echo, clientState check, coalesced jobs.
@Suite(.freshDatabase, .serialized)
struct GraphWebhookTests {
    /// A Microsoft mailbox with a subscription, and the client state the service gave it.
    private func mailbox(_ app: APITestApp, subscription: String) async throws -> (UUID, String) {
        let id = try await app.store.withTransaction { tx in
            let mailbox = try await tx.mailboxes.upsert(provider: .microsoft, accountID: "oid-\(subscription)", address: "\(subscription)@outlook.example")
            try await tx.mailboxes.setPush(mailbox.id, subscriptionID: subscription, expiresAt: Date().addingTimeInterval(3600))
            return mailbox.id
        }
        return (id, PushClientState.make(mailboxID: id, keyring: app.store.keyring))
    }

    private func jobs(_ kind: String, _ mailboxID: UUID) async throws -> Int {
        try await TestDatabase.current.app.query(
            "SELECT count(*) FROM jobs WHERE kind = \(kind) AND fairness_key = \(mailboxID.uuidString) AND state = 'available'"
        ).single().decode(Int.self, at: 0)
    }

    private func body(_ notifications: [(String, String?, String?)]) -> String {
        let items = notifications.map { subscription, state, event -> [String: Any] in
            var item: [String: Any] = [
                "subscriptionId": subscription, "changeType": "created", "resource": "Users/x/Messages/y",
                "tenantId": "t", "subscriptionExpirationDateTime": "2026-12-01T00:00:00Z",
            ]
            item["clientState"] = state
            item["lifecycleEvent"] = event
            return item
        }
        return String(decoding: try! JSONSerialization.data(withJSONObject: ["value": items]), as: UTF8.self)
    }

    @Test(arguments: ["/webhooks/microsoft", "/webhooks/microsoft/lifecycle"])
    func validationTokenIsEchoedAsPlainText(_ path: String) async throws {
        let app = try await APITestApp.make()
        try await app.test { (client: any TestClientProtocol) async throws in
            try await client.execute(uri: path + "?validationToken=Validation%3A%20Testing%20client%20application", method: .post) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                #expect(String(buffer: response.body) == "Validation: Testing client application")
            }
        }
    }

    @Test func genuineNotificationsEnqueueOneCoalescedSyncJob() async throws {
        let app = try await APITestApp.make()
        let (mailboxID, state) = try await mailbox(app, subscription: "sub-genuine")
        try await app.test { (client: any TestClientProtocol) async throws in
            for _ in 0..<3 {
                let answer = try await client.json(.post, "/webhooks/microsoft", token: nil, body: body([("sub-genuine", state, nil)]))
                #expect(answer.status == .accepted)
            }
        }
        #expect(try await jobs("mailbox.sync", mailboxID) == 1)
    }

    @Test func wrongClientStateIsRejectedAndEnqueuesNothing() async throws {
        let app = try await APITestApp.make()
        let (mailboxID, _) = try await mailbox(app, subscription: "sub-forged")
        let (_, otherState) = try await mailbox(app, subscription: "sub-other")
        try await app.test { (client: any TestClientProtocol) async throws in
            #expect(try await client.json(.post, "/webhooks/microsoft", token: nil, body: body([("sub-forged", otherState, nil)])).status == .unauthorized)
            #expect(try await client.json(.post, "/webhooks/microsoft", token: nil, body: body([("sub-forged", nil, nil)])).status == .unauthorized)
            #expect(try await client.json(.post, "/webhooks/microsoft", token: nil, body: body([("sub-forged", "v1.garbage", nil)])).status == .unauthorized)
        }
        #expect(try await jobs("mailbox.sync", mailboxID) == 0)
    }

    @Test func unknownSubscriptionIsAcknowledgedAndDropped() async throws {
        let app = try await APITestApp.make()
        try await app.test { (client: any TestClientProtocol) async throws in
            #expect(try await client.json(.post, "/webhooks/microsoft", token: nil, body: body([("sub-unknown", "x", nil)])).status == .accepted)
        }
    }

    @Test func lifecycleEventsRenewRecreateAndResync() async throws {
        let app = try await APITestApp.make()
        let (renew, renewState) = try await mailbox(app, subscription: "sub-renew")
        let (removed, removedState) = try await mailbox(app, subscription: "sub-removed")
        let (missed, missedState) = try await mailbox(app, subscription: "sub-missed")
        try await app.test { (client: any TestClientProtocol) async throws in
            let batch = body([
                ("sub-renew", renewState, "reauthorizationRequired"), ("sub-removed", removedState, "subscriptionRemoved"),
                ("sub-missed", missedState, "missed"),
            ])
            #expect(try await client.json(.post, "/webhooks/microsoft/lifecycle", token: nil, body: batch).status == .accepted)
        }
        #expect(try await jobs("mailbox.renew_push", renew) == 1)
        #expect(try await jobs("mailbox.resync", renew) == 0)
        #expect(try await jobs("mailbox.renew_push", removed) == 1)
        #expect(try await jobs("mailbox.resync", removed) == 1)
        #expect(try await jobs("mailbox.resync", missed) == 1)
        #expect(try await jobs("mailbox.renew_push", missed) == 0)
    }

    @Test func malformedBodyIs422() async throws {
        let app = try await APITestApp.make()
        try await app.test { (client: any TestClientProtocol) async throws in
            #expect(try await client.json(.post, "/webhooks/microsoft", token: nil, body: "{").status == .unprocessableContent)
        }
    }
}
