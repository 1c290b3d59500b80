/// Which rule of SPEC "What syncs" made a message sync, as a stable code stored with the decision.
public enum SyncReason: String, Sendable, Hashable, CaseIterable {
    /// Rule 1: the thread was started by a CRM send.
    case crmThread = "crm_thread"
    /// Rules 2-4, "with every later message of its thread": the thread synced before.
    case syncedThread = "synced_thread"
    /// Rule 2: inbound from a contact.
    case contactInbound = "contact_inbound"
    /// Rule 3: outbound to a contact.
    case contactOutbound = "contact_outbound"
    /// Rule 4: outbound with the sub-account's BCC address in Cc or Bcc; creates its recipients as contacts.
    case bccAddress = "bcc_address"
    /// Rule 4 through the BCC endpoint: the copy of a user without an active connection.
    case bccCopy = "bcc_copy"
    /// Rule 1, the first message: the CRM sent it; the mailbox's sent copy is the CRM message itself.
    case crmSend = "crm_send"
}
