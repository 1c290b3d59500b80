import Foundation

/// The server-side state behind a `$skiptoken` (a round still paging) or a `$deltatoken` (a
/// finished round, from which the next one starts).
struct GraphDeltaToken: Sendable {
    /// A message a page will report: present if it is in the folder when the page is read,
    /// `@removed` otherwise.
    struct Entry: Sendable, Hashable {
        var key: Int
        var immutableID: String
        var restID: String
    }

    enum Phase: Sendable {
        case paging(remaining: [Entry], anchor: Int)
        case delta(since: Int)
    }

    var folderID: String
    /// The `$select` of the round's first request, which every later link keeps.
    var select: [String]?
    var generation: Int
    var issuedAt: Date
    var phase: Phase
}
