import AsyncHTTPClient
import Emulators
import Foundation
import NIOCore
import Providers
import Testing

/// Change-notification subscriptions: validation handshake, batched notifications with
/// clientState, renewal, lifecycle events, deletion.
@Suite struct GraphSubscriptionTests {
    static func withReceiver(_ body: @Sendable (GraphFixture, NotificationReceiver) async throws -> Void) async throws {
        try await GraphFixture.with { fixture in
            try await NotificationReceiver.run { receiver in try await body(fixture, receiver) }
        }
    }

    /// Subscribes the mailbox with `clientState` and tells the receiver to expect it.
    static func subscribe(
        _ fixture: GraphFixture, _ receiver: NotificationReceiver, _ me: GraphFixture.Connected, clientState: String
    ) async throws -> (PushSubscription, String) {
        let subscription = try await fixture.client.startPush(
            PushTarget(notificationURL: receiver.url, clientState: clientState), access: me.access)
        let id = try #require(subscription.ids.first)
        await receiver.record.expect(clientState, for: id)
        return (subscription, id)
    }

    @Test func subscriptionIsCreatedAfterTheValidationHandshakeAndNotificationsArriveBatched() async throws {
        try await Self.withReceiver { fixture, receiver in
            let me = try await fixture.connect("ada@contoso.test")
            let (subscription, id) = try await Self.subscribe(fixture, receiver, me, clientState: "secret-ada")
            #expect(await receiver.record.validations >= 1)
            let held = try #require(await fixture.state.allSubscriptions().first)
            #expect(held.id == id)
            #expect(held.usesImmutableIDs)
            #expect(held.lifecycleNotificationURL == receiver.url)
            #expect(held.changeType == "created,updated,deleted")
            #expect(subscription.expiresAt > Date().addingTimeInterval(10070 * 60))
            #expect(subscription.expiresAt <= Date().addingTimeInterval(10080 * 60))

            var delivered = [String]()
            for index in 0..<3 {
                delivered.append(try await fixture.receive("\(index)", by: me, from: "x@ext.test").id)
            }
            #expect(try await GraphFixture.eventually { await receiver.record.changes.count >= 3 })
            let changes = await receiver.record.changes
            #expect(Set(changes.compactMap(\.messageID)) == Set(delivered))
            #expect(changes.allSatisfy { $0.subscriptionID == id && $0.changeType == "created" })
            #expect(await receiver.record.batches.contains { $0.changes.count > 1 })
            #expect(await receiver.record.rejected == 0)
        }
    }

    @Test func subscriptionWhoseValidationFailsIsNotCreated() async throws {
        try await Self.withReceiver { fixture, receiver in
            let me = try await fixture.connect("ben@contoso.test")
            for mode in [NotificationReceiver.ValidationMode.wrongToken, .serverError] {
                await receiver.record.set(mode)
                let error = await #expect(throws: ProviderError.self) {
                    _ = try await fixture.client.startPush(
                        PushTarget(notificationURL: receiver.url, clientState: "secret"), access: me.access)
                }
                #expect(error?.code == .permanent)
                #expect(error?.providerCode == "InvalidRequest")
                #expect(error?.httpStatus == 400)
            }
            #expect(await fixture.state.allSubscriptions().isEmpty)
        }
    }

    @Test func notificationWithAWrongClientStateIsRejected() async throws {
        try await Self.withReceiver { fixture, receiver in
            let me = try await fixture.connect("cy@contoso.test")
            let (_, id) = try await Self.subscribe(fixture, receiver, me, clientState: "the-real-secret")
            let forged = """
                {"value":[{"subscriptionId":"\(id)","clientState":"guessed","changeType":"created",
                "resource":"Users/x/Messages/y","resourceData":{"id":"y"}}]}
                """
            var request = HTTPClientRequest(url: receiver.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: forged))
            #expect(try await HTTPClient.shared.execute(request, timeout: .seconds(5)).status == .accepted)
            #expect(await receiver.record.rejected == 1)
            #expect(await receiver.record.changes.isEmpty)
        }
    }

    @Test func lifecycleEventsReachTheReceiverWithTheirClientState() async throws {
        try await Self.withReceiver { fixture, receiver in
            let me = try await fixture.connect("dee@contoso.test")
            let (_, id) = try await Self.subscribe(fixture, receiver, me, clientState: "s3cret")
            try await fixture.state.sendLifecycleEvent("reauthorizationRequired", subscriptionID: id)
            try await fixture.state.sendLifecycleEvent("missed", subscriptionID: id)
            try await fixture.state.sendLifecycleEvent("subscriptionRemoved", subscriptionID: id)
            #expect(try await GraphFixture.eventually { await receiver.record.lifecycleEvents.count == 3 })
            #expect(
                await receiver.record.lifecycleEvents.map(\.event) == [
                    .reauthorizationRequired, .missed, .subscriptionRemoved,
                ])
            #expect(await fixture.state.allSubscriptions().isEmpty)
        }
    }

    @Test func lifecycleNotificationsGoToTheirOwnURLWhenTheTargetNamesOne() async throws {
        try await Self.withReceiver { fixture, receiver in
            let me = try await fixture.connect("dan@contoso.test")
            let subscription = try await fixture.client.startPush(
                PushTarget(
                    notificationURL: receiver.url, clientState: "s", lifecycleNotificationURL: receiver.lifecycleURL),
                access: me.access)
            let id = try #require(subscription.ids.first)
            await receiver.record.expect("s", for: id)
            #expect(await receiver.record.validations == 2)
            #expect(await fixture.state.allSubscriptions().first?.lifecycleNotificationURL == receiver.lifecycleURL)
            try await fixture.state.sendLifecycleEvent("missed", subscriptionID: id)
            #expect(try await GraphFixture.eventually { await receiver.record.lifecycleURLEvents.count == 1 })
            #expect(await receiver.record.lifecycleURLEvents.first?.event == .missed)
        }
    }

    @Test func renewalExtendsAndARemovedSubscriptionIsCreatedAgain() async throws {
        try await Self.withReceiver { fixture, receiver in
            let me = try await fixture.connect("eve@contoso.test")
            let target = PushTarget(notificationURL: receiver.url, clientState: "s")
            let first = try await fixture.client.startPush(target, access: me.access)
            let renewed = try await fixture.client.renewPush(first, target: target, access: me.access)
            #expect(renewed.ids == first.ids)
            #expect(renewed.expiresAt >= first.expiresAt)

            try await fixture.state.sendLifecycleEvent(
                "subscriptionRemoved", subscriptionID: try #require(first.ids.first))
            let recreated = try await fixture.client.renewPush(renewed, target: target, access: me.access)
            #expect(recreated.ids != first.ids)
            #expect(await fixture.state.allSubscriptions().map(\.id) == recreated.ids)
        }
    }

    @Test func stopPushDeletesTheSubscriptionAndToleratesOneAlreadyGone() async throws {
        try await Self.withReceiver { fixture, receiver in
            let me = try await fixture.connect("fin@contoso.test")
            let subscription = try await fixture.client.startPush(
                PushTarget(notificationURL: receiver.url, clientState: "s"), access: me.access)
            try await fixture.client.stopPush(subscription, access: me.access)
            #expect(await fixture.state.allSubscriptions().isEmpty)
            try await fixture.client.stopPush(subscription, access: me.access)
        }
    }

    @Test func pushTargetWithoutClientStateIsRefused() async throws {
        try await GraphFixture.with { fixture in
            let me = try await fixture.connect("gus@contoso.test")
            let error = await #expect(throws: ProviderError.self) {
                _ = try await fixture.client.startPush(
                    PushTarget(notificationURL: "http://127.0.0.1:9/n"), access: me.access)
            }
            #expect(error?.providerCode == "pushTargetIncomplete")
        }
    }
}
