/// A Graph collection page: `@odata.context`, the paging links, and `value`.
struct GraphCollectionJSON<Item: Encodable & Sendable>: Encodable, Sendable {
    var context: String
    var nextLink: String?
    var deltaLink: String?
    var value: [Item]

    enum CodingKeys: String, CodingKey {
        case context = "@odata.context"
        case nextLink = "@odata.nextLink"
        case deltaLink = "@odata.deltaLink"
        case value
    }
}
