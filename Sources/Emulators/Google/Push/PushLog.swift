/// One push the emulator attempted.
public struct PushDelivery: Sendable, Codable, Hashable {
    /// Where it went.
    public var endpoint: String
    /// The mailbox it was about.
    public var emailAddress: String
    /// The history id it carried.
    public var historyId: String
    /// The Pub/Sub message id.
    public var messageId: String
    /// The endpoint's HTTP status, 0 when unreachable.
    public var status: Int
}

/// The pushes attempted so far, for tests and the control API.
actor PushLog {
    private(set) var deliveries: [PushDelivery] = []
    private var counter = 4_000_000

    func nextMessageNumber() -> Int {
        counter += 1
        return counter
    }

    func record(_ delivery: PushDelivery) {
        deliveries.append(delivery)
    }
}
