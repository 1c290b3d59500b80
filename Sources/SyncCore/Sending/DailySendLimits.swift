import Foundation

/// How many recipients a connected mailbox may send to per UTC day before bulk mail through it
/// waits for the next day (SPEC "Which sender sends": bulk through a mailbox respects the
/// provider's daily sending limits).
///
/// The defaults are the providers' published limits, the lower one where accounts differ:
/// Gmail 500 recipients a day for consumer accounts (Google Workspace: 2,000), Microsoft 365
/// 10,000 recipients a day (README "Sending" cites the pages).
public struct DailySendLimits: Sendable, Hashable {
    /// Recipients per day for a Gmail mailbox.
    public var gmail: Int
    /// Recipients per day for a Microsoft mailbox.
    public var microsoft: Int

    /// Creates limits.
    public init(gmail: Int = 500, microsoft: Int = 10_000) {
        self.gmail = gmail
        self.microsoft = microsoft
    }

    /// Gmail consumer 500, Microsoft 365 10,000.
    public static let providerDefaults = DailySendLimits()

    /// The limit of a provider.
    public func limit(for provider: ProviderKind) -> Int {
        switch provider {
        case .gmail: gmail
        case .microsoft: microsoft
        }
    }

    /// The start of the UTC day after `date`: when a send held back by the limit may run again.
    public static func nextUTCDay(after date: Date) -> Date {
        let seconds = date.timeIntervalSince1970
        return Date(timeIntervalSince1970: (seconds / 86_400).rounded(.down) * 86_400 + 86_400)
    }
}
