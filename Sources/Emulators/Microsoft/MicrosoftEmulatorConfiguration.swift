import Foundation

/// The emulator's registered app and its timings; the defaults follow Microsoft's documented
/// values, tests shorten them.
public struct MicrosoftEmulatorConfiguration: Sendable, Hashable {
    /// The one registered application's client id.
    public var clientID: String
    /// Its client secret.
    public var clientSecret: String
    /// How long an access token works (Microsoft: 60 to 90 minutes).
    public var accessTokenLifetime: TimeInterval
    /// How long an authorization code can be redeemed (Microsoft: about 10 minutes).
    public var authorizationCodeLifetime: TimeInterval
    /// How long a delta or skip token stays usable before it answers 410 `SyncStateNotFound`.
    public var deltaTokenLifetime: TimeInterval
    /// How long notifications gather before one POST carries them all.
    public var notificationBatchWindow: Duration
    /// How long a notification URL has to answer a validation request (Graph: 10 seconds).
    public var validationTimeout: Duration
    /// The longest subscription lifetime for messages, in minutes (Graph: 10080).
    public var maxSubscriptionMinutes: Int
    /// The largest Graph request body (Graph: 4 MB); larger ones get 413.
    public var maxRequestBytes: Int
    /// Messages per page when the request does not say (`Prefer: odata.maxpagesize`); Graph uses 10.
    public var defaultPageSize: Int

    /// Creates a configuration.
    public init(
        clientID: String = "emulator-client-id", clientSecret: String = "emulator-client-secret",
        accessTokenLifetime: TimeInterval = 3600, authorizationCodeLifetime: TimeInterval = 600,
        deltaTokenLifetime: TimeInterval = 7 * 24 * 3600, notificationBatchWindow: Duration = .milliseconds(50),
        validationTimeout: Duration = .seconds(10), maxSubscriptionMinutes: Int = 10080,
        maxRequestBytes: Int = 4 * 1024 * 1024, defaultPageSize: Int = 10
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.accessTokenLifetime = accessTokenLifetime
        self.authorizationCodeLifetime = authorizationCodeLifetime
        self.deltaTokenLifetime = deltaTokenLifetime
        self.notificationBatchWindow = notificationBatchWindow
        self.validationTimeout = validationTimeout
        self.maxSubscriptionMinutes = maxSubscriptionMinutes
        self.maxRequestBytes = maxRequestBytes
        self.defaultPageSize = defaultPageSize
    }
}
