import Crypto
import Foundation

/// Checks what Graph posts to the notification URL.
///
/// A validation request (`POST {url}?validationToken=...` on subscription create) is answered
/// `200 text/plain` with the decoded token within 10 seconds
/// (https://learn.microsoft.com/graph/change-notifications-delivery-webhooks#notificationurl-validation).
/// A notification collection (`{"value": [...]}`, change and lifecycle notifications mixed) is
/// accepted per notification only when its `clientState` equals the one stored for its
/// subscription (https://learn.microsoft.com/graph/change-notifications-delivery-webhooks#processing-the-change-notification);
/// answer `202 Accepted` after persisting.
///
/// ```swift
/// if let token = request.uri.queryParameters["validationToken"] {
///     guard let echo = GraphNotificationVerifier.validationEcho(String(token)) else { return .badRequest }
///     return textPlain(echo)
/// }
/// let batch = try await GraphNotificationVerifier.verify(body: bytes) { id in try await routing.clientState(id) }
/// ```
public enum GraphNotificationVerifier {
    /// The text to echo for a validation token, or nil for a token Graph would never send (empty,
    /// over 4096 characters, or with markup or control characters).
    public static func validationEcho(_ token: String) -> String? {
        guard !token.isEmpty, token.count <= 4096,
            !token.unicodeScalars.contains(where: {
                $0 == "<" || $0 == ">" || $0.properties.generalCategory == .control
            })
        else { return nil }
        return token
    }

    /// Sorts a notification body into change and lifecycle notifications whose `clientState`
    /// matches what `clientState(subscriptionID)` returns (nil: unknown subscription), compared in
    /// constant time; the others are counted as rejected.
    public static func verify(
        body: [UInt8], clientState: (String) async throws -> String?
    ) async throws -> GraphNotificationBatch {
        guard let collection = try? JSONDecoder().decode(Collection.self, from: Data(body)) else {
            throw GraphNotificationError(.malformedBody)
        }
        var batch = GraphNotificationBatch(changes: [], lifecycleEvents: [], rejected: 0)
        for item in collection.value {
            guard let subscriptionID = item.subscriptionId, let expected = try await clientState(subscriptionID),
                let received = item.clientState, matches(received, expected)
            else {
                batch.rejected += 1
                continue
            }
            let expiresAt = item.subscriptionExpirationDateTime.flatMap(GraphDate.parse)
            if let event = item.lifecycleEvent {
                batch.lifecycleEvents.append(
                    GraphLifecycleNotification(
                        subscriptionID: subscriptionID, event: .init(rawValue: event), subscriptionExpiresAt: expiresAt)
                )
            } else {
                batch.changes.append(
                    GraphChangeNotification(
                        subscriptionID: subscriptionID, changeType: item.changeType ?? "",
                        resource: item.resource ?? "",
                        messageID: item.resourceData?.id, tenantID: item.tenantId, subscriptionExpiresAt: expiresAt))
            }
        }
        return batch
    }

    /// Equal strings, compared through their SHA-256 digests so the time taken says nothing about
    /// how much of a guess was right.
    private static func matches(_ received: String, _ expected: String) -> Bool {
        let left = Array(SHA256.hash(data: Array(received.utf8)))
        let right = Array(SHA256.hash(data: Array(expected.utf8)))
        return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// `{"value": [...]}` (https://learn.microsoft.com/graph/api/resources/changenotificationcollection).
    private struct Collection: Decodable {
        var value: [Item]
    }

    private struct Item: Decodable {
        struct ResourceData: Decodable {
            var id: String?
        }

        var subscriptionId: String?
        var clientState: String?
        var changeType: String?
        var resource: String?
        var tenantId: String?
        var subscriptionExpirationDateTime: String?
        var lifecycleEvent: String?
        var resourceData: ResourceData?
    }
}
