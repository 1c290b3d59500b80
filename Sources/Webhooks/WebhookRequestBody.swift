import Foundation
import Store

/// The JSON a receiver gets: `{"id": "<event id>", "type", "subAccountId", "createdAt", "data"}`,
/// with `data` the stored event payload, byte for byte.
enum WebhookRequestBody {
    /// The body of `delivery`, an event of `subAccountID`.
    static func bytes(_ delivery: PendingWebhookDelivery, subAccountID: UUID) throws -> [UInt8] {
        let fields: [(String, String)] = [
            ("id", String(delivery.eventID)), ("type", delivery.eventType),
            ("subAccountId", subAccountID.uuidString.lowercased()),
            (
                "createdAt",
                delivery.eventCreatedAt.formatted(
                    .iso8601.year().month().day().timeZone(separator: .omitted)
                        .time(includingFractionalSeconds: true))
            ),
        ]
        var json = "{"
        for (name, value) in fields {
            json += "\"\(name)\":" + String(decoding: try JSONEncoder().encode(value), as: UTF8.self) + ","
        }
        return Array((json + "\"data\":" + delivery.payload.text + "}").utf8)
    }
}
