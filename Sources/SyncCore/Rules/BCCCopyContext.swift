/// Everything besides the message that decides whether a copy posted to the sub-account's BCC
/// address (SPEC "The BCC address receives mail") is logged to the CRM.
public struct BCCCopyContext: Sendable, Hashable {
    /// The sub-account the BCC address belongs to.
    public var subAccount: SubAccount
    /// The sub-account's contacts (at least those whose address is on the message).
    public var contacts: [Contact]
    /// The addresses of the sub-account's users.
    public var userAddresses: [String]
    /// Whether the sender is a user of the sub-account with an active connection (`connected` or
    /// `needs_reauth`): then the user's own sent copy, read from the mailbox, is the one that syncs.
    public var senderHasActiveConnection: Bool
    /// Whether a message with the copy's Message-ID and fingerprint is already stored (the sent
    /// copy was synced first, or the CRM sent it).
    public var messageAlreadyStored: Bool

    /// Creates a context.
    public init(
        subAccount: SubAccount, contacts: [Contact], userAddresses: [String], senderHasActiveConnection: Bool,
        messageAlreadyStored: Bool
    ) {
        self.subAccount = subAccount
        self.contacts = contacts
        self.userAddresses = userAddresses
        self.senderHasActiveConnection = senderHasActiveConnection
        self.messageAlreadyStored = messageAlreadyStored
    }
}
