import NIOHTTP1

/// One HTTP request to Graph or the identity platform, before authorization is added.
struct GraphRequest: Sendable {
    var method: HTTPMethod
    /// The absolute URL.
    var url: String
    /// The body and its content type, if any.
    var body: [UInt8]?
    var contentType: String?
    /// Extra `Prefer` preferences besides `IdType="ImmutableId"`, e.g. `odata.maxpagesize=50`.
    var preferences: [String]
    /// Whether to send the bearer token (false for a pre-authenticated upload URL and for OAuth).
    var authorized: Bool
    /// Further headers, e.g. `Content-Range` of an upload.
    var extraHeaders: [(String, String)] = []

    init(
        _ method: HTTPMethod, _ url: String, body: [UInt8]? = nil, contentType: String? = nil,
        preferences: [String] = [], authorized: Bool = true
    ) {
        self.method = method
        self.url = url
        self.body = body
        self.contentType = contentType
        self.preferences = preferences
        self.authorized = authorized
    }
}
