/// The fields of an endpoint an update changes; nil leaves a field as it is.
public struct WebhookEndpointChange: Sendable, Hashable {
    /// A new URL.
    public var url: String?
    /// Enable or disable.
    public var isEnabled: Bool?
    /// A new filter: `.some(nil)` accepts every type again, `.some(types)` only those.
    public var eventTypes: [String]??

    /// Creates a change.
    public init(url: String? = nil, isEnabled: Bool? = nil, eventTypes: [String]?? = nil) {
        self.url = url
        self.isEnabled = isEnabled
        self.eventTypes = eventTypes
    }
}
