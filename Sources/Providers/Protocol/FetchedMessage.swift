import Foundation
import Mail

/// One message as fetched from the mailbox.
public struct FetchedMessage: Sendable, Hashable {
    /// The provider's ids.
    public var message: ProviderMessageRef
    /// The raw RFC 5322 bytes, exactly as the provider gave them.
    public var raw: [UInt8]
    /// Labels or folder and read state.
    public var state: MessageState
    /// When the provider accepted the message (more reliable than its Date header).
    public var internalDate: Date
    /// The Bcc recipients of the user's own sent copy (empty for received mail).
    public var ownCopyBcc: [MailAddress]

    /// Creates a fetched message.
    public init(
        message: ProviderMessageRef, raw: [UInt8], state: MessageState, internalDate: Date,
        ownCopyBcc: [MailAddress]
    ) {
        self.message = message
        self.raw = raw
        self.state = state
        self.internalDate = internalDate
        self.ownCopyBcc = ownCopyBcc
    }
}
