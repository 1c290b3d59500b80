/// How the Google emulator behaves; tests and the control API change it.
public struct GoogleEmulatorSettings: Sendable, Codable, Hashable {
    /// OAuth clients, id to secret. The token endpoint rejects other clients.
    public var clients: [String: String]
    /// Lifetime of access tokens, seconds (Google: 3599).
    public var accessTokenLifetime: Int
    /// Whether a refresh hands out a new refresh token and retires the old one.
    public var rotateRefreshTokens: Bool
    /// How many history records a mailbox keeps; older start ids answer 404.
    public var historyRetention: Int
    /// How long a watch lasts, seconds (Google: 7 days).
    public var watchLifetime: Int

    /// Creates settings; the defaults accept the `mailsync-dev` client.
    public init(
        clients: [String: String] = ["mailsync-dev": "mailsync-dev-secret"], accessTokenLifetime: Int = 3599,
        rotateRefreshTokens: Bool = false, historyRetention: Int = 10_000, watchLifetime: Int = 7 * 24 * 3600
    ) {
        self.clients = clients
        self.accessTokenLifetime = accessTokenLifetime
        self.rotateRefreshTokens = rotateRefreshTokens
        self.historyRetention = historyRetention
        self.watchLifetime = watchLifetime
    }

    /// Reads settings; a field left out keeps its default.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = GoogleEmulatorSettings()
        clients = try container.decodeIfPresent([String: String].self, forKey: .clients) ?? defaults.clients
        accessTokenLifetime =
            try container.decodeIfPresent(Int.self, forKey: .accessTokenLifetime) ?? defaults.accessTokenLifetime
        rotateRefreshTokens =
            try container.decodeIfPresent(Bool.self, forKey: .rotateRefreshTokens) ?? defaults.rotateRefreshTokens
        historyRetention =
            try container.decodeIfPresent(Int.self, forKey: .historyRetention) ?? defaults.historyRetention
        watchLifetime = try container.decodeIfPresent(Int.self, forKey: .watchLifetime) ?? defaults.watchLifetime
    }
}
