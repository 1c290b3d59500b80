/// The emulated providers whose mailboxes have pages, as they appear in the pages' URLs.
enum MailboxProvider: String, Sendable, CaseIterable {
    case google
    case microsoft

    /// The product name shown.
    var name: String {
        switch self {
        case .google: "Gmail"
        case .microsoft: "Outlook"
        }
    }
}
