/// One `changes(since:)` call over a mailbox's folders, as a state machine the client drives: it
/// says which delta page to fetch next, which ids to look up, and when to stop.
///
/// Graph's delta is per folder (https://learn.microsoft.com/graph/delta-query-messages), and its
/// `@removed` only means "left this folder": a move shows as `@removed` in one folder and as new in
/// another. So an id that left a folder and did not turn up in another folder's pages is looked up
/// (`GET /me/messages/{id}`): found means moved (into Deleted Items, too), and only "not found"
/// means deleted. Each folder's position is its `@odata.nextLink` while its round goes on and its
/// `@odata.deltaLink` after; a call stops fetching once `budget` entries came in.
struct DeltaRound: Sendable {
    /// A message as a delta page or a lookup reported it.
    struct Entry: Sendable, Hashable {
        var id: String
        var conversationID: String?
        var folderID: String
        var isRead: Bool
    }

    /// What the round found.
    struct Outcome: Sendable, Hashable {
        /// Messages added, changed or moved, with where they are now, in the order they came.
        var changed: [Entry]
        /// Messages gone from every folder.
        var deleted: [String]
        /// Each synced folder's link after this call.
        var positions: [String: String]
        /// Whether every folder ended its round with a delta link.
        var isComplete: Bool
    }

    /// What the client does next.
    enum Action: Sendable, Hashable {
        /// `GET url`, a delta page of `folderID`, then `received(...)`.
        case fetch(folderID: String, url: String)
        /// Look the ids up, then `resolved(...)` with the ones that exist.
        case resolve([String])
        /// Done.
        case finish(Outcome)
    }

    private let folderIDs: [String]
    private let budget: Int
    private var index = 0
    private var positions: [String: String]
    private let initialURLs: [String]
    private var changed: [Entry] = []
    private var changedIDs: [String: Int] = [:]
    private var removed: [String] = []
    private var entriesSeen = 0
    private var deleted: [String] = []
    private var resolving = false
    private var resolvedAll = false

    /// Starts a round over `folderIDs` (in order); folders without a position in `cursor` start at
    /// `initialURL(folderID)` (a full enumeration, which is what a new folder needs).
    init(folderIDs: [String], cursor: MailboxCursor, budget: Int, initialURL: (String) -> String) {
        self.folderIDs = folderIDs
        self.budget = max(1, budget)
        positions = cursor.positions.filter { folderIDs.contains($0.key) }
        initialURLs = folderIDs.map(initialURL)
    }

    /// The next step.
    mutating func next() -> Action {
        if index < folderIDs.count, entriesSeen < budget {
            let folder = folderIDs[index]
            return .fetch(folderID: folder, url: positions[folder] ?? initialURLs[index])
        }
        if !resolvedAll {
            let arrived = Set(changedIDs.keys)
            var seen = Set<String>()
            let missing = removed.filter { !arrived.contains($0) && seen.insert($0).inserted }
            if !missing.isEmpty, !resolving {
                resolving = true
                return .resolve(missing)
            }
            resolvedAll = true
        }
        return .finish(
            Outcome(changed: changed, deleted: deleted, positions: positions, isComplete: index >= folderIDs.count))
    }

    /// Records a page of the folder last asked for.
    mutating func received(entries: [Entry], removedIDs: [String], nextLink: String?, deltaLink: String?) {
        for entry in entries { record(entry) }
        removed += removedIDs
        entriesSeen += entries.count + removedIDs.count
        let folder = folderIDs[index]
        if let deltaLink {
            positions[folder] = deltaLink
            index += 1
        } else if let nextLink {
            positions[folder] = nextLink
        } else {
            // A page with neither link ends the folder's round without a new position.
            index += 1
        }
    }

    /// Records the lookups of `resolve`: `found` holds the messages that still exist; the others
    /// are deleted.
    mutating func resolved(asked: [String], found: [Entry]) {
        for entry in found { record(entry) }
        let existing = Set(found.map(\.id))
        deleted += asked.filter { !existing.contains($0) }
        resolvedAll = true
    }

    private mutating func record(_ entry: Entry) {
        if let position = changedIDs[entry.id] {
            changed[position] = entry
        } else {
            changedIDs[entry.id] = changed.count
            changed.append(entry)
        }
    }
}
