/// How the CRM already knows a message's thread, as the sync engine found it (provider thread id,
/// then In-Reply-To, then References, with `Mail.ThreadResolver`).
///
/// The difference matters for the Outlook Labs gate (SPEC rule 5): without the flag only
/// CRM-initiated threads keep syncing, not threads that rules 2-4 brought in earlier.
public enum ThreadOrigin: String, Sendable, Hashable, CaseIterable {
    /// A thread a CRM send started (SPEC rule 1).
    case crm
    /// A thread synced from a mailbox or a BCC copy (SPEC rules 2-4).
    case mailbox
}
