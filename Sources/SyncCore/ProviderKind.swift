/// The mailbox providers a user can connect.
public enum ProviderKind: String, Sendable, Hashable, CaseIterable {
    /// Google (Gmail API).
    case gmail
    /// Microsoft 365 / Outlook (Microsoft Graph).
    case microsoft
}
