import AsyncHTTPClient
import Emulators
import Foundation
import Providers
import Testing

/// `users.watch` / `users.stop` and the Pub/Sub push they cause, verified by `GmailPushVerifier`
/// against the JWKS the emulator publishes.
@Suite struct GmailPushContractTests {
    /// A stand-in webhook: keeps every push it receives.
    actor PushInbox: Emulator {
        private(set) var received: [(authorization: String?, body: [UInt8])] = []

        func handle(_ request: EmulatorRequest) async -> EmulatorReply? {
            guard request.path == "/webhooks/gmail" else { return nil }
            received.append((request.header("authorization"), request.body))
            return EmulatorReply(status: 204)
        }
    }

    @Test func watchedChangePushesANotificationWhoseJWTVerifies() async throws {
        try await GoogleHarness.run { google in
            let inbox = PushInbox()
            try await EmulatorServer(emulators: [inbox]).withRunning { webhook in
                try await google.control(
                    .PUT, "pubsub",
                    json: [
                        "topic": GoogleHarness.pushTopic, "pushEndpoint": webhook.absoluteString + "/webhooks/gmail",
                        "audience": GoogleHarness.pushAudience, "serviceAccountEmail": GoogleHarness.pushServiceAccount,
                        "subscription": "projects/mailsync-test/subscriptions/gmail-push",
                    ])
                let grant = try await google.connect("anna@example.com")
                let access = google.access(grant)
                let subscription = try await google.gmail.startPush(PushTarget(), access: access)
                #expect(subscription.expiresAt > Date().addingTimeInterval(6 * 86_400))
                #expect(subscription.cursor != nil)
                try await google.deliver(
                    RawMessages.message(from: "x@outside.test", to: "anna@example.com", subject: "P", messageID: "p@x"),
                    to: "anna@example.com")
                #expect(try await eventually { await inbox.received.count == 1 })
                let push = try #require(await inbox.received.first)
                let verifier = GmailPushVerifier(configuration: google.configuration, httpClient: google.http)
                let notification = try await verifier.verify(authorization: push.authorization, body: push.body)
                #expect(notification.emailAddress == "anna@example.com")
                #expect(notification.subscription == "projects/mailsync-test/subscriptions/gmail-push")
                let profileCursor = try await google.gmail.currentCursor(access: access)
                #expect(String(notification.historyID) == profileCursor["historyId"])

                try await google.gmail.stopPush(subscription, access: access)
                try await google.deliver(
                    RawMessages.message(from: "x@outside.test", to: "anna@example.com", subject: "Q", messageID: "q@x"),
                    to: "anna@example.com")
                #expect(await inbox.received.count == 1)
                #expect(try await eventually { await google.emulator.pushDeliveries().map(\.status) == [204] })
            }
        }
    }
}
