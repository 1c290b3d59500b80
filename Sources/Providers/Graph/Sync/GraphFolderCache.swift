/// Each mailbox's folder directory for a while, so a sync does not list folders on every call;
/// well-known folder ids never change and are kept for the life of the process.
actor GraphFolderCache {
    private struct Entry {
        var directory: GraphFolderDirectory
        /// Nil once expired.
        var listedAt: ContinuousClock.Instant?
    }

    private var entries: [String: Entry] = [:]

    /// The cached directory of the mailbox when it is younger than `maxAge`.
    func directory(for mailbox: String, maxAge: Duration) -> GraphFolderDirectory? {
        guard let entry = entries[mailbox], let listedAt = entry.listedAt, listedAt.duration(to: .now) < maxAge else {
            return nil
        }
        return entry.directory
    }

    /// The well-known ids last seen for the mailbox, however old.
    func wellKnownIDs(for mailbox: String) -> [String: String]? {
        entries[mailbox]?.directory.wellKnownIDs
    }

    /// Stores a freshly listed directory.
    func store(_ directory: GraphFolderDirectory, for mailbox: String) {
        entries[mailbox] = Entry(directory: directory, listedAt: .now)
    }

    /// Makes the next call list the folders again (a message turned up in an unknown folder).
    func expire(_ mailbox: String) {
        entries[mailbox]?.listedAt = nil
    }
}
