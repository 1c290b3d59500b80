import Foundation
import Sync
import SyncCore

extension Environment {
    /// The domain of generated Message-IDs (`MAILSYNC_MESSAGE_ID_DOMAIN`); by default the public URL's host.
    var messageIDDomain: String {
        self["MAILSYNC_MESSAGE_ID_DOMAIN"] ?? URLComponents(string: publicURL)?.host ?? "mailsync.localhost"
    }

    /// Daily recipient limits of bulk mail through a mailbox (`MAILSYNC_DAILY_SEND_LIMIT_GMAIL`,
    /// `MAILSYNC_DAILY_SEND_LIMIT_MICROSOFT`; defaults: the providers' published limits).
    var dailySendLimits: DailySendLimits {
        DailySendLimits(
            gmail: self["MAILSYNC_DAILY_SEND_LIMIT_GMAIL"].flatMap(Int.init) ?? DailySendLimits.providerDefaults.gmail,
            microsoft: self["MAILSYNC_DAILY_SEND_LIMIT_MICROSOFT"].flatMap(Int.init)
                ?? DailySendLimits.providerDefaults.microsoft)
    }

    /// What the send path needs.
    var sendSettings: SendSettings {
        SendSettings(messageIDDomain: messageIDDomain, publicURL: publicURL, dailyLimits: dailySendLimits)
    }
}
