/// One page of a Graph collection: `value` plus the OData paging links.
///
/// A delta page carries `@odata.nextLink` while the round goes on and `@odata.deltaLink` on its
/// last page (https://learn.microsoft.com/graph/delta-query-messages).
struct GraphPage<Item: Decodable & Sendable>: Decodable, Sendable {
    var value: [Item]
    var nextLink: String?
    var deltaLink: String?

    enum CodingKeys: String, CodingKey {
        case value
        case nextLink = "@odata.nextLink"
        case deltaLink = "@odata.deltaLink"
    }
}
