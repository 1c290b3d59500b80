import Mail

/// Finds the message a bounce report is about (SPEC "Conversations and threads": a DSN for a
/// CRM-sent message marks that message bounced). Whether that Message-ID is a CRM-sent message is
/// the caller's lookup.
///
/// ```swift
/// if let bounce = BounceMatcher.bounce(in: parsed) { try await store.markBounced(messageID: bounce.originalMessageID) }
/// ```
public enum BounceMatcher {
    /// The bounce a parsed message reports, or nil when it is no report, reports no permanent
    /// failure (a delay), or names no message.
    public static func bounce(in message: ParsedMessage) -> Bounce? {
        message.deliveryStatus.flatMap { bounce(in: $0, inReplyTo: message.inReplyTo) }
    }

    /// The bounce `report` describes. The reported message is the report's own original
    /// Message-ID, else the report's In-Reply-To (some servers give only that).
    public static func bounce(in report: DeliveryStatusReport, inReplyTo: [String] = []) -> Bounce? {
        guard report.hasFailure, let id = report.originalMessageID ?? inReplyTo.first, !id.isEmpty else { return nil }
        let failed = report.recipients.filter { $0.action == "failed" }.compactMap {
            ($0.finalRecipient ?? $0.originalRecipient)?.lowercased()
        }
        return Bounce(originalMessageID: id, failedRecipients: failed)
    }
}
