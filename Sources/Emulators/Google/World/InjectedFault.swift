/// A failure the next calls of an endpoint answer with, set through the control API.
public struct InjectedFault: Sendable, Codable, Hashable {
    /// The endpoint: a Gmail method id such as `gmail.users.history.list`, `gmail.*` for every
    /// Gmail call, or `oauth2.token`, `oauth2.revoke`, `batch`.
    public var endpoint: String
    /// The HTTP status to answer: 429, 500, 503, 401 or 403.
    public var status: Int
    /// How many calls fail.
    public var count: Int
    /// The `Retry-After` seconds to send, if any.
    public var retryAfter: Int?
    /// The `error.errors[].reason` to send; defaults per status (e.g. `rateLimitExceeded`).
    public var reason: String?

    /// Creates a fault.
    public init(endpoint: String, status: Int, count: Int = 1, retryAfter: Int? = nil, reason: String? = nil) {
        self.endpoint = endpoint
        self.status = status
        self.count = count
        self.retryAfter = retryAfter
        self.reason = reason
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        endpoint = try container.decode(String.self, forKey: .endpoint)
        status = try container.decode(Int.self, forKey: .status)
        count = try container.decodeIfPresent(Int.self, forKey: .count) ?? 1
        retryAfter = try container.decodeIfPresent(Int.self, forKey: .retryAfter)
        reason = try container.decodeIfPresent(String.self, forKey: .reason)
    }

    /// Whether the fault applies to a call of `endpoint`.
    func applies(to endpoint: String) -> Bool {
        self.endpoint == endpoint || (self.endpoint == "gmail.*" && endpoint.hasPrefix("gmail."))
    }
}
