/// A Google API error body.
/// https://developers.google.com/workspace/gmail/api/guides/handle-errors
struct GoogleAPIErrorBody: Codable, Sendable, Hashable {
    /// The `error` object.
    struct Detail: Codable, Sendable, Hashable {
        var code: Int?
        var message: String?
        var errors: [Item]?
        /// The canonical status, e.g. `PERMISSION_DENIED` (newer responses only).
        var status: String?
    }

    /// One entry of `error.errors[]`.
    struct Item: Codable, Sendable, Hashable {
        var domain: String?
        var reason: String?
        var message: String?
    }

    var error: Detail
}
