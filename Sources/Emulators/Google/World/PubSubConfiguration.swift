/// Where the emulated Pub/Sub pushes a topic's messages, and how it signs the push.
public struct PubSubConfiguration: Sendable, Codable, Hashable {
    /// `projects/<project>/topics/<topic>`, as given to `users.watch`.
    public var topic: String
    /// The push endpoint URL.
    public var pushEndpoint: String
    /// The JWT audience.
    public var audience: String
    /// The service account the JWT names in `email`.
    public var serviceAccountEmail: String
    /// The subscription name in the envelope.
    public var subscription: String

    /// Creates a configuration.
    public init(
        topic: String, pushEndpoint: String, audience: String, serviceAccountEmail: String,
        subscription: String = "projects/emulator/subscriptions/gmail-push"
    ) {
        self.topic = topic
        self.pushEndpoint = pushEndpoint
        self.audience = audience
        self.serviceAccountEmail = serviceAccountEmail
        self.subscription = subscription
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            topic: try container.decode(String.self, forKey: .topic),
            pushEndpoint: try container.decode(String.self, forKey: .pushEndpoint),
            audience: try container.decode(String.self, forKey: .audience),
            serviceAccountEmail: try container.decode(String.self, forKey: .serviceAccountEmail),
            subscription: try container.decodeIfPresent(String.self, forKey: .subscription)
                ?? "projects/emulator/subscriptions/gmail-push")
    }
}
