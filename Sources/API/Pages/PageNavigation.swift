/// The main navigation, in order. A new page adds its entry here, e.g.
/// `("/app/conversations", "Conversations", false)` between the profile and the sync log.
enum PageNavigation {
    static func items(emulatedMailboxesURL: String?) -> [(href: String, label: String, external: Bool)] {
        var items: [(href: String, label: String, external: Bool)] = [
            ("/app/profile/email", "Email (2-way sync)", false),
            ("/app/conversations", "Conversations", false),
            ("/app/sync-log", "Sync log", false),
        ]
        if let emulatedMailboxesURL {
            items.append((emulatedMailboxesURL, "Emulated mailboxes", true))
        }
        return items
    }
}
