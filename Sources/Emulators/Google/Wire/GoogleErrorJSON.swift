/// Google's API error body, in the shape the Gmail guide shows.
/// https://developers.google.com/workspace/gmail/api/guides/handle-errors
struct GoogleErrorJSON: Encodable, Sendable {
    struct Detail: Encodable, Sendable {
        struct Item: Encodable, Sendable {
            var message: String
            var domain: String
            var reason: String
        }

        var code: Int
        var message: String
        var errors: [Item]
        var status: String
    }

    var error: Detail

    /// The canonical status name of an HTTP status.
    static func status(for code: Int) -> String {
        switch code {
        case 400: "INVALID_ARGUMENT"
        case 401: "UNAUTHENTICATED"
        case 403: "PERMISSION_DENIED"
        case 404: "NOT_FOUND"
        case 429: "RESOURCE_EXHAUSTED"
        case 503: "UNAVAILABLE"
        default: "INTERNAL"
        }
    }
}
