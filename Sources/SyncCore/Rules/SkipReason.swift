/// Why a message was not synced (SPEC rule 9), as a stable code stored with the decision.
///
/// ```swift
/// SkipReason.notAContact.rawValue          // "not_a_contact"
/// SkipReason(rawValue: "from_user")        // .fromUser
/// ```
public enum SkipReason: String, Sendable, Hashable, CaseIterable {
    /// Neither the sender (inbound) nor any recipient (outbound) is a contact, the thread is not
    /// known, and no BCC address creates contacts. Evaluated again when a contact is created (rule 11).
    case notAContact = "not_a_contact"
    /// The sender is a user of the sub-account (rule 6); never synced, in any thread.
    case fromUser = "from_user"
    /// An Outlook connection without the Labs flag, and the thread is not CRM-initiated (rule 5).
    case labsDisabled = "labs_disabled"
    /// An attachment, inline or not, is over the sub-account's size limit (rule 8).
    case attachmentTooLarge = "attachment_too_large"
    /// The user connected a different account since; the old mailbox no longer syncs.
    case supersededConnection = "superseded_connection"
    /// The user disconnected the mailbox.
    case disconnected
    /// The connection's grant was rejected; evaluated again when the user connects the same account.
    case needsReauth = "needs_reauth"
    /// A bounce or delay report: it marks the reported message bounced (`BounceMatcher`) instead.
    case deliveryReport = "delivery_report"
    /// A copy that reached the BCC address by an automatic BCC (rule 7).
    case automaticBCCCopy = "automatic_bcc_copy"
    /// A BCC copy of a message the sender's own sent copy covers (already stored, or the sender's
    /// mailbox is connected and its sent copy syncs).
    case duplicateOfSentCopy = "duplicate_of_sent_copy"
    /// A BCC copy whose sender is not a user of the sub-account (a reply-all, a forward).
    case senderNotAUser = "sender_not_a_user"
}
