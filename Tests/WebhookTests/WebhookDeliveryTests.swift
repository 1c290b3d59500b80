import Crypto
import Foundation
import JobQueue
import Store
import SyncCore
import TestSupport
import Testing
import Webhooks

/// Delivery end to end: events appended as the sync engine appends them, a real worker, a real
/// HTTP receiver on loopback. Serialized: every test's worker claims from the one job table.
@Suite(.freshDatabase, .serialized)
struct WebhookDeliveryTests {
    @Test func deliveredEventCarriesASignatureTheReceiverCanVerify() async throws {
        try await WebhookWorld.with { world in
            let (endpoint, secret) = try await world.endpoint("hooks")
            let eventID = try await world.append("contact.created", payload: ["contactID": "c-1", "source": "bcc"])
            try await world.runWorker("the event is acknowledged") {
                world.receiver.acknowledged(at: "/hooks") == [eventID]
            }

            let request = try #require(world.receiver.received.first)
            #expect(request.headers["content-type"] == "application/json")
            #expect(request.headers["mailsync-event-id"] == String(eventID))
            let signature = try #require(request.headers["mailsync-signature"])
            let parts = Dictionary(
                uniqueKeysWithValues: signature.split(separator: ",").map {
                    let pair = $0.split(separator: "=", maxSplits: 1)
                    return (String(pair[0]), String(pair[1]))
                })
            let timestamp = try #require(parts["t"].flatMap(Int64.init))
            #expect(abs(Double(timestamp) - Date().timeIntervalSince1970) < 60)
            let expected = HMAC<SHA256>.authenticationCode(
                for: Array("\(timestamp).".utf8) + request.body, using: SymmetricKey(data: Array(secret.value.utf8)))
            #expect(parts["v1"] == expected.map { String(format: "%02x", $0) }.joined())

            let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
            #expect(body["id"] as? String == String(eventID))
            #expect(body["type"] as? String == "contact.created")
            #expect(body["subAccountId"] as? String == world.subAccounts[0].subAccountID?.uuidString.lowercased())
            let createdAt = try #require(body["createdAt"] as? String)
            #expect(createdAt.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil, "\(createdAt)")
            #expect(body["data"] as? [String: String] == ["contactID": "c-1", "source": "bcc"])

            let delivery = try #require(try await world.deliveries(endpoint).first)
            #expect(delivery.state == .delivered)
            #expect(delivery.attempts == 1)
        }
    }

    @Test func failedDeliveryIsRetriedUntilAcknowledged() async throws {
        try await WebhookWorld.with { world in
            let (endpoint, _) = try await world.endpoint("hooks")
            let eventID = try await world.append()
            world.receiver.fail(eventID: eventID, times: 1)
            try await world.runWorker("the retry is acknowledged") {
                world.receiver.acknowledged(at: "/hooks") == [eventID]
            }
            #expect(world.receiver.attempts(at: "/hooks") == [eventID, eventID])
            let bodies = world.receiver.received.map(\.body)
            #expect(bodies[0] == bodies[1], "a retry sends the same body")
            let delivery = try #require(try await world.deliveries(endpoint).first)
            #expect(delivery.state == .delivered)
            #expect(delivery.attempts == 2)
            #expect(delivery.lastError == "http_500")
        }
    }

    @Test func anAnswerSlowerThanTheTimeoutIsAFailureAndRetried() async throws {
        try await WebhookWorld.with { world in
            let (endpoint, _) = try await world.endpoint("hooks")
            let eventID = try await world.append()
            world.receiver.stall(eventID: eventID, times: 1)
            let started = ContinuousClock.now
            try await world.runWorker(
                "the retry is acknowledged", configuration: WebhookWorld.configuration(timeout: .milliseconds(300))
            ) {
                world.receiver.acknowledged(at: "/hooks") == [eventID]
            }
            #expect(
                ContinuousClock.now - started < WebhookReceiver.stall, "the lane did not wait for the stalled answer")
            let delivery = try #require(try await world.deliveries(endpoint).first)
            #expect(delivery.attempts == 2)
            #expect(delivery.lastError == "timeout")
        }
    }

    @Test func orderIsKeptPerSubAccountWhileTheHeadIsRetried() async throws {
        try await WebhookWorld.with { world in
            _ = try await world.endpoint("hooks")
            var events: [Int64] = []
            for index in 1...5 { events.append(try await world.append(payload: ["n": "\(index)"])) }
            world.receiver.fail(eventID: events[1], times: 2)
            try await world.runWorker("all five are acknowledged") {
                world.receiver.acknowledged(at: "/hooks").count == 5
            }
            #expect(world.receiver.acknowledged(at: "/hooks") == events)
            #expect(
                world.receiver.attempts(at: "/hooks") == [events[0], events[1], events[1], events[1]] + events[2...])
        }
    }

    @Test func deliveryIsDeadAfterTheHorizonLaterEventsProceedAndRedeliverSendsItAgain() async throws {
        try await WebhookWorld.with { world in
            let (endpoint, _) = try await world.endpoint("hooks")
            let doomed = try await world.append()
            let next = try await world.append()
            world.receiver.fail(eventID: doomed, times: .max)
            let short = WebhookWorld.configuration(horizon: .seconds(1))
            try await world.runWorker("the next event passes the dead one", configuration: short) {
                world.receiver.acknowledged(at: "/hooks") == [next]
            }
            let dead = try #require(try await world.deliveries(endpoint, state: .dead).first)
            #expect(dead.eventID == doomed)
            #expect(dead.lastError == "http_500")
            #expect(dead.attempts >= 2)
            #expect(world.receiver.attempts(at: "/hooks").filter { $0 == doomed }.count == dead.attempts)

            world.receiver.fail(eventID: doomed, times: 0)
            let redelivered = try await world.store.withTenant(.agency(world.agencyID)) { tx in
                try await tx.webhookDeliveries.redeliver(endpointID: endpoint.id, eventID: doomed)
            }
            #expect(redelivered?.redelivered == true)
            try await world.runWorker("the redelivered event is acknowledged", configuration: short) {
                world.receiver.acknowledged(at: "/hooks") == [next, doomed]
            }
            #expect(try await world.deliveries(endpoint, state: .dead).isEmpty)
        }
    }

    @Test func disabledEndpointReceivesNothingAndResumesWhenEnabled() async throws {
        try await WebhookWorld.with { world in
            let (off, _) = try await world.endpoint("off", enabled: false)
            _ = try await world.endpoint("on")
            let first = try await world.append()
            try await world.runWorker("the enabled endpoint has it") {
                world.receiver.acknowledged(at: "/on") == [first]
            }
            #expect(world.receiver.attempts(at: "/off").isEmpty)
            #expect(try await world.deliveries(off).isEmpty)

            _ = try await world.store.withTenant(.agency(world.agencyID)) { tx in
                try await tx.webhookEndpoints.update(off.id, WebhookEndpointChange(isEnabled: true))
            }
            let second = try await world.append()
            try await world.runWorker("both endpoints have the second event") {
                world.receiver.acknowledged(at: "/off") == [second]
                    && world.receiver.acknowledged(at: "/on") == [first, second]
            }
        }
    }

    @Test func endpointReceivesOnlyTheTypesOfItsFilter() async throws {
        try await WebhookWorld.with { world in
            _ = try await world.endpoint("contacts", eventTypes: ["contact.created"])
            _ = try await world.endpoint("all")
            let synced = try await world.append("message.synced")
            let contact = try await world.append("contact.created")
            try await world.runWorker("both endpoints have their events") {
                world.receiver.acknowledged(at: "/all") == [synced, contact]
                    && world.receiver.acknowledged(at: "/contacts") == [contact]
            }
            #expect(world.receiver.attempts(at: "/contacts") == [contact])
        }
    }

    @Test func aFailingSubAccountDoesNotBlockAnother() async throws {
        try await WebhookWorld.with(subAccounts: 2) { world in
            let (endpoint, _) = try await world.endpoint("hooks")
            let stuck = try await world.append(in: 0)
            world.receiver.fail(eventID: stuck, times: .max)
            let first = try await world.append(in: 1)
            let second = try await world.append(in: 1)
            try await world.runWorker("the other sub-account's events are acknowledged") {
                world.receiver.acknowledged(at: "/hooks") == [first, second]
            }
            let pending = try await world.deliveries(endpoint, state: .pending)
            #expect(pending.map(\.eventID) == [stuck])
            #expect(pending.first?.lastError == "http_500")
        }
    }

    @Test func sweepDeliversAnEventWhoseWakeUpWasLost() async throws {
        try await WebhookWorld.with { world in
            let (endpoint, _) = try await world.endpoint("hooks")
            let eventID = try await world.append()
            let lane = WebhookJobs.lane(
                subAccountID: try #require(world.subAccounts[0].subAccountID), endpointID: endpoint.id)
            #expect(try await world.queue.cancel(lane: lane) == 1)
            try await world.runWorker("the sweep woke the lane") {
                world.receiver.acknowledged(at: "/hooks") == [eventID]
            }
        }
    }

    @Test func eventsOfAnAgencyWithoutEndpointsMakeNoDeliveryAndNoJob() async throws {
        try await WebhookWorld.with { world in
            try await world.append()
            let subAccountID = try #require(world.subAccounts[0].subAccountID)
            let jobs = try await TestDatabase.current.owner.query(
                "SELECT count(*) FROM jobs WHERE fairness_key = \(subAccountID.uuidString) AND kind = \(WebhookJobs.kind)"
            ).single().decode(Int.self, at: 0)
            #expect(jobs == 0)
            let deliveries = try await world.store.withTenant(world.subAccounts[0]) { tx in
                try await tx.connection.query("SELECT count(*) FROM webhook_deliveries").single().decode(
                    Int.self, at: 0)
            }
            #expect(deliveries == 0)
            _ = try await world.endpoint("hooks")
            try await world.append()
            let fannedOut = try await world.store.withTenant(world.subAccounts[0]) { tx in
                try await tx.connection.query("SELECT count(*) FROM webhook_deliveries").single().decode(
                    Int.self, at: 0)
            }
            #expect(fannedOut == 1, "the same query sees a delivery once there is an endpoint")
        }
    }

    @Test func appendsOfOneSubAccountCommitInEventIdOrder() async throws {
        try await WebhookWorld.with { world in
            _ = try await world.endpoint("hooks")
            let (appended, appendedNow) = AsyncStream<Int64>.makeStream()
            let (commit, commitNow) = AsyncStream<Void>.makeStream()
            async let first: Int64 = world.store.withTenant(world.subAccounts[0]) { tx in
                let id = try await tx.events.append("message.synced", payload: ["n": "1"])
                appendedNow.yield(id)
                for await _ in commit { break }
                return id
            }
            var appendedIDs = appended.makeAsyncIterator()
            _ = await appendedIDs.next()
            async let second = world.append(payload: ["n": "2"])
            try await waitUntil("the second append waits for the first transaction's lock") {
                try await world.store.client.query(
                    """
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'
                    """
                ).single().decode(Int.self, at: 0) > 0
            }
            commitNow.yield()
            let (firstID, secondID) = try await (first, second)
            #expect(secondID > firstID)
        }
    }
}
