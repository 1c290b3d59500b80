import Foundation
import SyncCore

/// What the send path needs to know about the deployment.
public struct SendSettings: Sendable {
    /// The domain of every Message-ID the service generates (`MAILSYNC_MESSAGE_ID_DOMAIN`).
    public var messageIDDomain: String
    /// The service's public origin (`MAILSYNC_PUBLIC_URL`); bulk mail's unsubscribe links point at
    /// `<publicURL>/u/<token>`.
    public var publicURL: String
    /// Daily recipient limits of bulk mail through a mailbox.
    public var dailyLimits: DailySendLimits

    /// Creates settings.
    public init(messageIDDomain: String, publicURL: String, dailyLimits: DailySendLimits = .providerDefaults) {
        self.messageIDDomain = messageIDDomain
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.dailyLimits = dailyLimits
    }
}
