/// One notification POST the emulator made (a batch), for inspection.
public struct MicrosoftEmulatorDelivery: Sendable, Hashable, Codable {
    /// The URL posted to.
    public var url: String
    /// The body, `{"value": [...]}`.
    public var body: String
    /// How many notifications it held.
    public var count: Int
    /// The receiver's status, or nil when it could not be reached.
    public var status: Int?

    /// Creates a delivery record.
    public init(url: String, body: String, count: Int, status: Int?) {
        self.url = url
        self.body = body
        self.count = count
        self.status = status
    }
}
