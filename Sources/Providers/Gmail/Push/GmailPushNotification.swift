import Foundation
import Mail

/// A Gmail change notification as Pub/Sub pushes it: the envelope's `message.data` is base64 JSON
/// `{"emailAddress": ..., "historyId": ...}` (the history id arrives as a number or a string).
/// https://developers.google.com/workspace/gmail/api/guides/push#receiving_notifications
public struct GmailPushNotification: Sendable, Hashable {
    /// The mailbox that changed.
    public var emailAddress: String
    /// The mailbox's history id after the change (sync from the stored cursor, not from this).
    public var historyID: UInt64
    /// Pub/Sub's id of the push message (not a Gmail message id), for deduplication.
    public var pubSubMessageID: String?
    /// The Pub/Sub subscription that pushed it.
    public var subscription: String?

    /// Reads a push request body; throws `PushVerificationError.malformed` for anything else.
    public init(body: [UInt8]) throws {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(body)),
            let data = Base64URL.decode(envelope.message.data),
            let payload = try? JSONDecoder().decode(Payload.self, from: Data(data))
        else {
            throw PushVerificationError(.malformed)
        }
        emailAddress = payload.emailAddress
        historyID = payload.historyId.value
        pubSubMessageID = envelope.message.messageId ?? envelope.message.message_id
        subscription = envelope.subscription
    }

    /// The Pub/Sub push envelope.
    /// https://cloud.google.com/pubsub/docs/push#receive_push
    private struct Envelope: Decodable {
        struct Message: Decodable {
            var data: String
            var messageId: String?
            var message_id: String?
        }

        var message: Message
        var subscription: String?
    }

    private struct Payload: Decodable {
        var emailAddress: String
        var historyId: GoogleUInt64
    }
}
