import Foundation
import Hummingbird

/// One page of a list: `items`, and `nextCursor` to pass as `?cursor=` for the next page (absent
/// on the last page).
struct Page<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    var items: [Item]
    var nextCursor: String?
}

/// `?limit=` (1-200, default 50) and `?cursor=` (the last id of the previous page).
struct PageRequest: Sendable {
    var limit: Int
    var after: UUID?

    init(_ request: Request) throws {
        limit = try Self.limit(request)
        if let cursor = request.uri.queryParameters["cursor"].map(String.init) {
            guard let id = UUID(uuidString: cursor) else {
                throw Problems.invalidBody("Bad query.", fields: [.init(name: "cursor", reason: "must be a cursor from a previous page")])
            }
            after = id
        }
    }

    /// `?limit=`: 1-200, default 50 (lists whose cursor is not an id read only this).
    static func limit(_ request: Request) throws -> Int {
        guard let limitText = request.uri.queryParameters["limit"].map(String.init) else { return 50 }
        guard let limit = Int(limitText), (1...200).contains(limit) else {
            throw Problems.invalidBody("Bad query.", fields: [.init(name: "limit", reason: "must be an integer from 1 to 200")])
        }
        return limit
    }

    /// Pages an id-ordered list that the store returns whole (small agency-wide lists).
    func slice<Item: Encodable & Sendable>(_ all: [Item], id: (Item) -> UUID) -> Page<Item> {
        let sorted = all.sorted { id($0).uuidString < id($1).uuidString }
        let rest = after.map { cursor in sorted.filter { id($0).uuidString > cursor.uuidString } } ?? sorted
        let items = Array(rest.prefix(limit))
        return Page(items: items, nextCursor: rest.count > limit ? items.last.map { id($0).uuidString } : nil)
    }

    /// A page from a store query that was asked for `limit + 1` rows after the cursor.
    func page<Item: Encodable & Sendable>(_ fetched: [Item], id: (Item) -> UUID) -> Page<Item> {
        let items = Array(fetched.prefix(limit))
        return Page(items: items, nextCursor: fetched.count > limit ? items.last.map { id($0).uuidString } : nil)
    }
}
