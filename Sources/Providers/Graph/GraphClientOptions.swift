/// How the Graph client pages, caches, waits and limits; the defaults suit Microsoft 365, tests
/// shorten the waits.
public struct GraphClientOptions: Sendable, Hashable {
    /// Messages per delta page (`Prefer: odata.maxpagesize`), and roughly the most changes one
    /// `changes(since:)` call returns.
    public var pageSize: Int
    /// Messages per delta page while `currentCursor` walks each folder to its end, discarding what
    /// it reads.
    public var cursorPageSize: Int
    /// How long a mailbox's folder list is reused before it is listed again, so folders that
    /// rules or the user create are tracked soon after.
    public var folderRefreshInterval: Duration
    /// Concurrent requests per mailbox (Exchange Online allows four).
    public var maxConcurrentRequestsPerMailbox: Int
    /// A `Retry-After` up to this long is waited out inside the call and the request sent again;
    /// a longer one ends the call with `rateLimited`.
    public var longestInlineRetryWait: Duration
    /// How many times one request is sent again after waiting out `Retry-After`.
    public var inlineRetries: Int
    /// How often the Sent Items copy of a `sendMail` is looked for, and how long to wait between
    /// looks (Exchange saves it shortly after accepting the send).
    public var sentCopyLookupAttempts: Int
    /// The wait between two looks for the Sent Items copy.
    public var sentCopyLookupDelay: Duration
    /// The longest one HTTP request may take.
    public var requestTimeout: Duration
    /// The largest response body read (raw MIME of a 150 MB message, base64 overhead included).
    public var maxResponseBytes: Int

    /// Creates options.
    public init(
        pageSize: Int = 50, cursorPageSize: Int = 500, folderRefreshInterval: Duration = .seconds(900),
        maxConcurrentRequestsPerMailbox: Int = 4,
        longestInlineRetryWait: Duration = .seconds(5), inlineRetries: Int = 2, sentCopyLookupAttempts: Int = 6,
        sentCopyLookupDelay: Duration = .milliseconds(500), requestTimeout: Duration = .seconds(100),
        maxResponseBytes: Int = 220 * 1024 * 1024
    ) {
        self.pageSize = pageSize
        self.cursorPageSize = cursorPageSize
        self.folderRefreshInterval = folderRefreshInterval
        self.maxConcurrentRequestsPerMailbox = maxConcurrentRequestsPerMailbox
        self.longestInlineRetryWait = longestInlineRetryWait
        self.inlineRetries = inlineRetries
        self.sentCopyLookupAttempts = sentCopyLookupAttempts
        self.sentCopyLookupDelay = sentCopyLookupDelay
        self.requestTimeout = requestTimeout
        self.maxResponseBytes = maxResponseBytes
    }
}
