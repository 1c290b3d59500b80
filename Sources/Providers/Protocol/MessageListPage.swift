/// One page of a listing by time window.
public struct MessageListPage: Sendable, Hashable {
    /// The messages of this page, newest first.
    public var messages: [ProviderMessageRef]
    /// The token for the next page; nil on the last one.
    public var nextPageToken: String?

    /// Creates a page.
    public init(messages: [ProviderMessageRef], nextPageToken: String?) {
        self.messages = messages
        self.nextPageToken = nextPageToken
    }
}
