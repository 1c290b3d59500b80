/// What one mailbox's Graph traffic looked like.
public struct MicrosoftEmulatorStats: Sendable, Hashable, Codable {
    /// Graph requests received.
    public var requests: Int
    /// The most requests that were in flight at once.
    public var maxConcurrentRequests: Int
    /// Responses `429` or `503` sent for throttling.
    public var throttledResponses: Int
    /// Requests that came while a throttle window was still open (a client ignoring `Retry-After`).
    public var requestsDuringThrottle: Int
    /// Requests without `Prefer: IdType="ImmutableId"` (they see REST ids, which change on a move).
    public var requestsWithoutImmutableIDs: Int
    /// Files added to drafts in one `POST .../attachments`.
    public var attachmentsPosted: Int
    /// Upload sessions whose last byte range arrived.
    public var uploadSessionsCompleted: Int
    /// Requests an injected latency held back (so a test knows a slow call is in flight).
    public var delayedRequests: Int

    /// Creates stats.
    public init(
        requests: Int = 0, maxConcurrentRequests: Int = 0, throttledResponses: Int = 0, requestsDuringThrottle: Int = 0,
        requestsWithoutImmutableIDs: Int = 0, attachmentsPosted: Int = 0, uploadSessionsCompleted: Int = 0,
        delayedRequests: Int = 0
    ) {
        self.requests = requests
        self.maxConcurrentRequests = maxConcurrentRequests
        self.throttledResponses = throttledResponses
        self.requestsDuringThrottle = requestsDuringThrottle
        self.requestsWithoutImmutableIDs = requestsWithoutImmutableIDs
        self.attachmentsPosted = attachmentsPosted
        self.uploadSessionsCompleted = uploadSessionsCompleted
        self.delayedRequests = delayedRequests
    }
}
