import Foundation
import Mail
import Store
import SyncCore

/// Marks the CRM-sent message a delivery status report is about bounced, with its
/// `message.bounced` event, in the transaction that read the report (from a mailbox, or posted to
/// the sub-account's bounce address). Reports of delays, and reports about mail the CRM did not
/// send, change nothing.
struct BounceRecorder {
    let transaction: TenantTransaction

    /// Records the bounce `parsed` reports, if any; returns the messages it marked.
    @discardableResult
    func record(_ parsed: ParsedMessage) async throws -> [UUID] {
        guard let bounce = BounceMatcher.bounce(in: parsed) else { return [] }
        let marked = try await transaction.messages.markBounced(messageID: bounce.originalMessageID)
        for messageID in marked {
            try await transaction.events.append(
                MessageBounced.eventType,
                payload: MessageBounced(messageID: messageID, failedRecipients: bounce.failedRecipients))
        }
        return marked
    }
}
