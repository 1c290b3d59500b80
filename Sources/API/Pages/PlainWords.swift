import SyncCore

/// The codes the service stores (decision reasons, connection statuses, OAuth outcomes) in words
/// a CRM user understands.
enum PlainWords {
    /// A `SkipReason` or `SyncReason` code.
    /// Why the CRM refused to send, for the conversations page (a `SendRejection` code).
    static func sendRefusal(_ code: String) -> String {
        switch code {
        case "noRecipients": "Choose at least one contact."
        case "noSubAccountProvider":
            "This email must go out through the sub-account's email provider, and none is set up."
        case "not_configured": "Sending is not set up in this service."
        case "attachmentTooLarge": "An attachment is over the size limit."
        default: "The email was not sent (\(code))."
        }
    }

    static func reason(_ code: String) -> String {
        switch code {
        case SkipReason.notAContact.rawValue:
            "Skipped: nobody in it is a contact yet. Add the sender or recipient as a contact, or put the BCC address on mail you send."
        case SkipReason.fromUser.rawValue:
            "Skipped: it is from a user of this sub-account, and staff mail may be confidential."
        case SkipReason.labsDisabled.rawValue:
            "Skipped: Outlook two-way sync (Labs) is off, so only threads started from the CRM sync."
        case SkipReason.attachmentTooLarge.rawValue: "Skipped: an attachment is larger than the sub-account allows."
        case SkipReason.supersededConnection.rawValue:
            "Skipped: it arrived in a mailbox you replaced with another address (Update email)."
        case SkipReason.disconnected.rawValue: "Skipped: the mailbox was disconnected."
        case SkipReason.needsReauth.rawValue:
            "Waiting: the mailbox needs you to sign in again; it syncs once you reconnect the same account."
        case SkipReason.deliveryReport.rawValue:
            "Not shown: a delivery report; it marks the email it reports on instead."
        case SkipReason.automaticBCCCopy.rawValue:
            "Skipped: a copy that reached the BCC address automatically (auto-BCC or a mail rule) creates no contact."
        case SkipReason.duplicateOfSentCopy.rawValue: "Not shown twice: the sender's own sent copy is synced instead."
        case SkipReason.senderNotAUser.rawValue:
            "Skipped: a copy to the BCC address from someone who is not a user here."
        case SyncReason.crmThread.rawValue: "Synced: the thread was started from the CRM."
        case SyncReason.syncedThread.rawValue: "Synced: a later message of a thread that already syncs."
        case SyncReason.contactInbound.rawValue: "Synced: it is from a contact."
        case SyncReason.contactOutbound.rawValue: "Synced: you sent it to a contact."
        case SyncReason.bccAddress.rawValue: "Synced: you put the BCC address on it; its recipients became contacts."
        case SyncReason.bccCopy.rawValue:
            "Synced: a copy that reached the BCC address from a user without a connected mailbox."
        default: "Decision: \(code)."
        }
    }

    /// A short label for a reason code, for the filter's options.
    static func reasonLabel(_ code: String) -> String {
        switch code {
        case SkipReason.notAContact.rawValue: "Not a contact"
        case SkipReason.fromUser.rawValue: "From a user of the sub-account"
        case SkipReason.labsDisabled.rawValue: "Outlook Labs flag off"
        case SkipReason.attachmentTooLarge.rawValue: "Attachment too large"
        case SkipReason.supersededConnection.rawValue: "Replaced mailbox"
        case SkipReason.disconnected.rawValue: "Disconnected"
        case SkipReason.needsReauth.rawValue: "Needs sign-in again"
        case SkipReason.deliveryReport.rawValue: "Delivery report"
        case SkipReason.automaticBCCCopy.rawValue: "Automatic BCC copy"
        case SkipReason.duplicateOfSentCopy.rawValue: "Duplicate of the sent copy"
        case SkipReason.senderNotAUser.rawValue: "BCC copy from a non-user"
        case SyncReason.crmThread.rawValue: "Thread started in the CRM"
        case SyncReason.syncedThread.rawValue: "Thread already syncing"
        case SyncReason.contactInbound.rawValue: "From a contact"
        case SyncReason.contactOutbound.rawValue: "To a contact"
        case SyncReason.bccAddress.rawValue: "BCC address used"
        case SyncReason.bccCopy.rawValue: "BCC copy of a user"
        default: code
        }
    }

    /// A connection status.
    static func status(_ status: Connection.Status) -> String {
        switch status {
        case .connected: "Connected"
        case .needsReauth: "Needs you to sign in again"
        case .disconnected: "Disconnected"
        case .superseded: "Replaced by another address"
        }
    }

    /// The provider's product name.
    static func provider(_ kind: SyncCore.ProviderKind?) -> String {
        switch kind {
        case .gmail: "Gmail"
        case .microsoft: "Outlook / Microsoft 365"
        case nil: "Unknown provider"
        }
    }

    /// What the OAuth callback reported (`mailsync_status`, `mailsync_reason`), as a notice.
    static func connectOutcome(status: String, reason: String?) -> (text: String, isError: Bool)? {
        switch status {
        case "connected": ("Your mailbox is connected. The first sync has started.", false)
        case "restored": ("Welcome back: the mailbox is connected again and the sync resumes where it stopped.", false)
        case "updated": ("Your email is updated: new CRM emails go out through the new address.", false)
        case "disconnected": ("The mailbox is disconnected. Emails already synced stay in the CRM.", false)
        case "error":
            switch reason {
            case "consent_denied": ("You declined access, so no mailbox was connected.", true)
            case "missing_scopes":
                ("Some permissions were not granted. Connect again and allow reading, changing and sending mail.", true)
            case "invalid_state": ("This sign-in link has expired or was already used. Start connecting again.", true)
            case "not_configured": ("That provider is not configured on this service.", true)
            default: ("The mail provider reported an error. Try again in a few minutes.", true)
            }
        default: nil
        }
    }
}
