/// Why a message was not synced (SPEC rule 9), as a stable code stored with the decision.
///
/// ```swift
/// SkipReason.notAContact.rawValue          // "not_a_contact"
/// SkipReason(rawValue: "from_user")        // .fromUser
/// ```
public struct SkipReason: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    private enum Code: String, CaseIterable {
        case notAContact = "not_a_contact"
        case fromUser = "from_user"
        case labsDisabled = "labs_disabled"
        case attachmentTooLarge = "attachment_too_large"
        case supersededConnection = "superseded_connection"
        case disconnected
        case needsReauth = "needs_reauth"
        case deliveryReport = "delivery_report"
        case automaticBCCCopy = "automatic_bcc_copy"
        case duplicateOfSentCopy = "duplicate_of_sent_copy"
        case senderNotAUser = "sender_not_a_user"
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// Reads a stored code; nil for a code this version does not know.
    public init?(rawValue: String) {
        guard let code = Code(rawValue: rawValue) else { return nil }
        self.code = code
    }

    /// The stable code, e.g. `not_a_contact`.
    public var rawValue: String { code.rawValue }
    public var description: String { code.rawValue }
    /// Every reason, for documentation and database checks.
    public static var allCases: [SkipReason] { Code.allCases.map(SkipReason.init) }

    /// Neither the sender (inbound) nor any recipient (outbound) is a contact, the thread is not
    /// known, and no BCC address creates contacts. Evaluated again when a contact is created (rule 11).
    public static let notAContact = SkipReason(.notAContact)
    /// The sender is a user of the sub-account (rule 6); never synced, in any thread.
    public static let fromUser = SkipReason(.fromUser)
    /// An Outlook connection without the Labs flag, and the thread is not CRM-initiated (rule 5).
    public static let labsDisabled = SkipReason(.labsDisabled)
    /// An attachment, inline or not, is over the sub-account's size limit (rule 8).
    public static let attachmentTooLarge = SkipReason(.attachmentTooLarge)
    /// The user connected a different account since; the old mailbox no longer syncs.
    public static let supersededConnection = SkipReason(.supersededConnection)
    /// The user disconnected the mailbox.
    public static let disconnected = SkipReason(.disconnected)
    /// The connection's grant was rejected; evaluated again when the user connects the same account.
    public static let needsReauth = SkipReason(.needsReauth)
    /// A bounce or delay report: it marks the reported message bounced (`BounceMatcher`) instead.
    public static let deliveryReport = SkipReason(.deliveryReport)
    /// A copy that reached the BCC address by an automatic BCC (rule 7).
    public static let automaticBCCCopy = SkipReason(.automaticBCCCopy)
    /// A BCC copy of a message the sender's own sent copy covers (already stored, or the sender's
    /// mailbox is connected and its sent copy syncs).
    public static let duplicateOfSentCopy = SkipReason(.duplicateOfSentCopy)
    /// A BCC copy whose sender is not a user of the sub-account (a reply-all, a forward).
    public static let senderNotAUser = SkipReason(.senderNotAUser)
}
