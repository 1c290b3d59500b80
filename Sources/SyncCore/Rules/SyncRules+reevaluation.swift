import Foundation

extension SyncRules {
    /// How far back a new contact brings skipped messages back (SPEC rule 11): 30 days.
    public static let lateContactWindow: TimeInterval = 30 * 24 * 60 * 60

    /// Whether a message skipped at `skippedAt` for `skipReason` is decided again when a contact
    /// with one of its addresses is created at `now` (SPEC rule 11): only `not_a_contact` skips of
    /// the last 30 days.
    public static func shouldReevaluate(skipReason: SkipReason, skippedAt: Date, now: Date) -> Bool {
        skipReason == .notAContact && now.timeIntervalSince(skippedAt) <= lateContactWindow
    }

    /// Whether a message skipped for `skipReason` is decided again when the user connects the
    /// same account again: only `needs_reauth` skips, so a shared mailbox whose cursor moved on
    /// while this connection waited loses nothing (SPEC "Connections and mailboxes").
    public static func shouldReevaluateOnReconnect(skipReason: SkipReason) -> Bool {
        skipReason == .needsReauth
    }
}
