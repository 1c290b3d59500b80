import Foundation

/// Where and as whom the service talks to Microsoft: the identity platform (OAuth 2.0 v2) and
/// Microsoft Graph. Defaults are the real services; point the URLs at the emulator for tests.
///
/// ```swift
/// let configuration = MicrosoftConfiguration.fromEnvironment()
/// let graph = GraphClient(configuration: configuration, httpClient: .shared)
/// ```
public struct MicrosoftConfiguration: Sendable, Hashable {
    /// The application (client) id of the app registration.
    public var clientID: String
    /// The client secret of the app registration. Never log it.
    public var clientSecret: String
    /// The tenant segment of the login URLs: `common`, `organizations`, `consumers` or a tenant id.
    public var tenant: String
    /// The login origin, without a trailing slash; `/{tenant}/oauth2/v2.0/authorize` and `/token`
    /// are appended.
    public var loginURL: String
    /// The Graph root including the version, without a trailing slash.
    public var graphURL: String
    /// The longest lifetime asked for a change-notification subscription, in minutes (Graph allows
    /// at most 10080 for Outlook messages).
    public var subscriptionMaxMinutes: Int

    /// Creates a configuration.
    public init(
        clientID: String, clientSecret: String, tenant: String = "common",
        loginURL: String = "https://login.microsoftonline.com",
        graphURL: String = "https://graph.microsoft.com/v1.0", subscriptionMaxMinutes: Int = 10080
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.tenant = tenant
        self.loginURL = Self.trimmingTrailingSlash(loginURL)
        self.graphURL = Self.trimmingTrailingSlash(graphURL)
        self.subscriptionMaxMinutes = subscriptionMaxMinutes
    }

    /// Reads `MAILSYNC_MICROSOFT_CLIENT_ID`, `MAILSYNC_MICROSOFT_CLIENT_SECRET`,
    /// `MAILSYNC_MICROSOFT_TENANT`, `MAILSYNC_MICROSOFT_LOGIN_URL`, `MAILSYNC_GRAPH_API_URL` and
    /// `MAILSYNC_GRAPH_SUBSCRIPTION_MAX_MINUTES`; unset or empty ones take the defaults.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        -> MicrosoftConfiguration
    {
        func value(_ name: String) -> String? {
            environment[name].flatMap { $0.isEmpty ? nil : $0 }
        }
        return MicrosoftConfiguration(
            clientID: value("MAILSYNC_MICROSOFT_CLIENT_ID") ?? "",
            clientSecret: value("MAILSYNC_MICROSOFT_CLIENT_SECRET") ?? "",
            tenant: value("MAILSYNC_MICROSOFT_TENANT") ?? "common",
            loginURL: value("MAILSYNC_MICROSOFT_LOGIN_URL") ?? "https://login.microsoftonline.com",
            graphURL: value("MAILSYNC_GRAPH_API_URL") ?? "https://graph.microsoft.com/v1.0",
            subscriptionMaxMinutes: value("MAILSYNC_GRAPH_SUBSCRIPTION_MAX_MINUTES").flatMap(Int.init) ?? 10080)
    }

    /// `{loginURL}/{tenant}/oauth2/v2.0/authorize`.
    public var authorizeURL: String { "\(loginURL)/\(tenant)/oauth2/v2.0/authorize" }

    /// `{loginURL}/{tenant}/oauth2/v2.0/token`.
    public var tokenURL: String { "\(loginURL)/\(tenant)/oauth2/v2.0/token" }

    private static func trimmingTrailingSlash(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
