import Foundation
import Postgres
import TestSupport
import Testing

@Suite(.freshDatabase)
struct NotificationTests {
    /// Waits for the next event matching `predicate`, failing after `seconds`.
    private func next(
        _ iterator: inout AsyncStream<PostgresNotificationEvent>.Iterator, within seconds: Double = 10,
        where predicate: (PostgresNotificationEvent) -> Bool
    ) async throws -> PostgresNotificationEvent {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            guard let event = await iterator.next() else { break }
            if predicate(event) { return event }
        }
        throw TimeoutError()
    }

    struct TimeoutError: Error {}

    @Test func pgNotifyArrives() async throws {
        let db = try TestDatabase.current.app
        try await db.withNotifications(channels: ["probe_channel"]) { events in
            var iterator = events.makeAsyncIterator()
            _ = try await next(&iterator) { $0 == .listening }
            try await db.query("SELECT pg_notify('probe_channel', \("hello"))")
            let event = try await next(&iterator) { if case .notification = $0 { true } else { false } }
            guard case .notification(let notification) = event else { return }
            #expect(notification.channel == "probe_channel")
            #expect(notification.payload == "hello")
        }
    }

    @Test func listenerReconnectsAfterTheConnectionIsCutAndHearsNewNotifications() async throws {
        let database = try TestDatabase.current
        let proxy = try TCPProxy(targetPort: database.port)
        defer { proxy.stop() }
        let listenerClient = PostgresClient(
            configuration: .init(connectionString: "postgresql://mailsync_app@127.0.0.1:\(proxy.port)/\(database.name)"))
        try await listenerClient.withNotifications(channels: ["cut_channel"]) { events in
            var iterator = events.makeAsyncIterator()
            _ = try await next(&iterator) { $0 == .listening }
            proxy.cutAll()
            _ = try await next(&iterator) { $0 == .reconnected }
            try await database.app.query("SELECT pg_notify('cut_channel', 'after-cut')")
            let event = try await next(&iterator) { if case .notification = $0 { true } else { false } }
            guard case .notification(let notification) = event else { return }
            #expect(notification.payload == "after-cut")
        }
    }
}
