/// Everything besides the message that decides whether a mailbox message syncs to one
/// connection's sub-account.
///
/// `contacts` needs to hold only the sub-account's contacts among the message's addresses (a
/// lookup by address); more is harmless. `userAddresses` are the addresses of the sub-account's
/// users, the connected user's included.
public struct SyncContext: Sendable, Hashable {
    /// The connection that saw the message.
    public var connection: Connection
    /// The connection's mailbox: its provider, address and aliases.
    public var mailbox: Mailbox
    /// The connection's sub-account: BCC address, Labs flags, attachment policy.
    public var subAccount: SubAccount
    /// The sub-account's contacts (at least those whose address is on the message).
    public var contacts: [Contact]
    /// The addresses of the sub-account's users.
    public var userAddresses: [String]
    /// How the CRM already knows the message's thread, or nil when it does not.
    public var thread: ThreadOrigin?

    /// Creates a context.
    public init(
        connection: Connection, mailbox: Mailbox, subAccount: SubAccount, contacts: [Contact], userAddresses: [String],
        thread: ThreadOrigin?
    ) {
        self.connection = connection
        self.mailbox = mailbox
        self.subAccount = subAccount
        self.contacts = contacts
        self.userAddresses = userAddresses
        self.thread = thread
    }
}
