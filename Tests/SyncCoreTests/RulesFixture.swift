import Foundation
import Mail
import SyncCore

/// A sub-account with one connected Gmail mailbox (`anna@agency.example`, also a user), contacts
/// Carla and Dora, and a user Bert who is also a contact; a test changes what it needs.
struct RulesFixture {
    static let carla = UUID()
    static let dora = UUID()
    static let bertAsContact = UUID()
    static let bccAddress = "sync.k3v9x2@bcc.example.com"

    var provider = ProviderKind.gmail
    var status = Connection.Status.connected
    var outlookTwoWaySync = false
    var aliases: [String] = []
    var thread: ThreadOrigin?
    var attachmentPolicy = AttachmentPolicy.standard
    var contacts: [(email: String, id: UUID)] = [
        ("carla@customer.example", carla), ("Dora@Customer.example", dora), ("bert@agency.example", bertAsContact),
    ]
    var userAddresses = ["anna@agency.example", "Bert@Agency.example"]

    var subAccount: SubAccount {
        SubAccount(
            id: UUID(), agencyID: UUID(), name: "Bakery", bccAddress: Self.bccAddress,
            attachmentPolicy: attachmentPolicy, labs: LabsFlags(outlookTwoWaySync: outlookTwoWaySync),
            createdAt: Date(timeIntervalSince1970: 0))
    }

    var contactValues: [Contact] {
        let subAccountID = UUID()
        return contacts.map {
            Contact(
                subAccountID: subAccountID, id: $0.id, email: $0.email, name: nil, source: .crm,
                createdAt: Date(timeIntervalSince1970: 0))
        }
    }

    var context: SyncContext {
        let mailbox = Mailbox(
            id: UUID(), provider: provider, providerAccountID: "acct-1", address: "anna@agency.example",
            aliases: aliases)
        let connection = Connection(
            subAccountID: UUID(), id: UUID(), userID: UUID(), mailboxID: mailbox.id, status: status,
            createdAt: Date(timeIntervalSince1970: 0))
        return SyncContext(
            connection: connection, mailbox: mailbox, subAccount: subAccount, contacts: contactValues,
            userAddresses: userAddresses, thread: thread)
    }

    func decide(_ message: MessageFacts) -> SyncDecision {
        SyncRules.decide(message, in: context)
    }

    func decideBCCCopy(_ message: MessageFacts, senderHasActiveConnection: Bool = false, stored: Bool = false)
        -> SyncDecision
    {
        SyncRules.decideBCCCopy(
            message,
            in: BCCCopyContext(
                subAccount: subAccount, contacts: contactValues, userAddresses: userAddresses,
                senderHasActiveConnection: senderHasActiveConnection, messageAlreadyStored: stored))
    }
}

/// Addresses written as in a header: `"Name <a@b>"` or `"a@b"`.
func addresses(_ list: String...) -> [MailAddress] {
    list.flatMap { MailAddress.parseList($0) }
}

/// A message the mailbox received: from `from` to Anna.
func inbound(from: String, cc: [MailAddress] = [], attachments: [AttachmentFacts] = []) -> MessageFacts {
    MessageFacts(from: addresses(from), to: addresses("anna@agency.example"), cc: cc, attachments: attachments)
}

/// Anna's sent copy.
func outbound(
    to: [MailAddress], cc: [MailAddress] = [], bcc: [MailAddress] = [], from: String = "anna@agency.example",
    inSentFolder: Bool = true, bccIsAutomatic: Bool = false, attachments: [AttachmentFacts] = []
) -> MessageFacts {
    MessageFacts(
        from: addresses(from), to: to, cc: cc, bcc: bcc, inSentFolder: inSentFolder, bccIsAutomatic: bccIsAutomatic,
        attachments: attachments)
}

/// An attachment of `size` bytes.
func attachment(_ filename: String?, _ mimeType: String, size: Int = 10, inline: Bool = false) -> AttachmentFacts {
    AttachmentFacts(id: filename ?? mimeType, filename: filename, mimeType: mimeType, size: size, isInline: inline)
}
