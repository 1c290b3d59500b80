import API
import Foundation
import Hummingbird
import HummingbirdTesting
import JobQueue
import Logging
import Prometheus
import Store
import Sync
import SyncCore
import TestSupport
import Testing

/// Graph change notifications through the service's real `/webhooks/microsoft` route, repeated
/// and out of order, drive the sync of an Outlook mailbox: one copy of each message.
@Suite(.freshDatabase, .serialized)
struct GraphWebhookSyncTests {
    @Test func duplicateAndOutOfOrderNotificationsThroughTheWebhookLeaveOneCopyOfEachMessage() async throws {
        try await SyncWorld.with(mailbox: "hooked", provider: .microsoft) { world in
            let subscription = "sub-\(world.mailboxID.uuidString.prefix(8))"
            try await world.store.withTransaction { tx in
                try await tx.mailboxes.setPush(
                    world.mailboxID, subscriptionID: subscription, expiresAt: Date().addingTimeInterval(3600))
            }
            let clientState = PushClientState.make(mailboxID: world.mailboxID, keyring: world.store.keyring)
            let dependencies = APIDependencies(
                store: world.store, migrations: try TestDatabase.repositoryMigrations(),
                metrics: PrometheusCollectorRegistry(), bccDomain: "bcc.example.test", inboundToken: nil)
            let app = buildApplication(
                http: .init(host: "127.0.0.1", port: 0), dependencies: dependencies, logger: Logger(label: "test.api"))

            var ids = [String]()
            for n in 1...3 {
                ids.append(
                    try await world.deliver(
                        mail(from: SyncWorld.carol, to: [world.address], subject: "Hook \(n)", id: "hook\(n)@client.example")
                    ).id)
            }
            let delivered = ids
            try await app.test(.router) { client in
                // Graph may send a notification twice, and an update before the creation it follows.
                for (message, change) in [(2, "updated"), (0, "created"), (2, "created"), (0, "created"), (1, "created")] {
                    let body = Self.notification(
                        subscription: subscription, clientState: clientState, change: change,
                        messageID: delivered[message])
                    let status = try await client.execute(
                        uri: "/webhooks/microsoft", method: .post, headers: [.contentType: "application/json"],
                        body: ByteBuffer(string: body)
                    ) { $0.status }
                    #expect(status == .accepted)
                }
            }
            #expect(
                try await world.count(
                    "SELECT count(*) FROM jobs WHERE kind = 'mailbox.sync' AND fairness_key = \(world.mailboxID.uuidString) AND state = 'available'")
                    == 1)
            try await world.runWorker("the pushed sync ran") {
                try await world.count("SELECT count(*) FROM messages") == 3
            }

            #expect(
                try await world.column("SELECT message_id FROM messages ORDER BY message_id", as: String.self)
                    == (1...3).map { "hook\($0)@client.example" })
            for id in delivered { #expect(try await world.decision(id) == "synced/contact_inbound") }
            #expect(try await world.count("SELECT count(*) FROM provider_message_maps") == 3)
            #expect(try await world.count("SELECT count(*) FROM events WHERE type = 'message.synced'") == 3)
        }
    }

    /// One Graph change notification batch (https://learn.microsoft.com/graph/change-notifications-delivery-webhooks).
    private static func notification(subscription: String, clientState: String, change: String, messageID: String)
        -> String
    {
        let item: [String: Any] = [
            "subscriptionId": subscription, "clientState": clientState, "changeType": change,
            "resource": "Users/owner/Messages/\(messageID)", "tenantId": "tenant",
            "subscriptionExpirationDateTime": "2026-12-06T00:00:00Z",
            "resourceData": ["@odata.type": "#Microsoft.Graph.Message", "id": messageID],
        ]
        return String(decoding: (try? JSONSerialization.data(withJSONObject: ["value": [item]])) ?? Data(), as: UTF8.self)
    }
}
