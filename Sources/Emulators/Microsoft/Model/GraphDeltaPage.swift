/// One page of a message delta, before rendering.
struct GraphDeltaPage: Sendable {
    enum Item: Sendable {
        case present(OutlookMessage)
        case removed(immutableID: String, restID: String)
    }

    var items: [Item]
    var select: [String]?
    /// The token of the next link: a skip token, or the delta token when `isLast`.
    var token: String
    var isLast: Bool
}
