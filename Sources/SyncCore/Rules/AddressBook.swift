import Foundation
import Mail

/// The sub-account's contacts and users as the rules match addresses against them.
///
/// Contacts whose address belongs to a user are left out (SPEC rule 6), and so are the
/// `ignored` addresses (the mailbox's own, the BCC address): they are never a message's contacts
/// and never become contacts.
struct AddressBook {
    private let contactIDsByAddress: [String: UUID]
    private let users: Set<String>
    private let ignored: Set<String>

    init(contacts: [Contact], userAddresses: [String], ignoring ignoredAddresses: [String]) {
        users = Set(userAddresses.map(Self.normalize))
        ignored = users.union(ignoredAddresses.map(Self.normalize))
        var byAddress = [String: UUID]()
        for contact in contacts {
            let address = Self.normalize(contact.email)
            if !ignored.contains(address), byAddress[address] == nil { byAddress[address] = contact.id }
        }
        contactIDsByAddress = byAddress
    }

    /// The form addresses are compared in: trimmed and lower-cased, as `MailAddress.normalized`.
    static func normalize(_ address: String) -> String {
        address.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// Whether `address` belongs to a user of the sub-account.
    func isUser(_ address: MailAddress) -> Bool {
        users.contains(Self.normalize(address.address))
    }

    /// Whether `address` is a contact that is not a user.
    func isContact(_ address: MailAddress) -> Bool {
        contactIDsByAddress[Self.normalize(address.address)] != nil
    }

    /// The contacts among `addresses`, once each, in order of appearance.
    func contactIDs(in addresses: [MailAddress]) -> [UUID] {
        var seen = Set<UUID>()
        return addresses.compactMap { contactIDsByAddress[Self.normalize($0.address)] }.filter {
            seen.insert($0).inserted
        }
    }

    /// The addresses among `addresses` that are neither contacts, users nor ignored, once each,
    /// in order of appearance, as contacts to create.
    func newContacts(among addresses: [MailAddress]) -> [NewContact] {
        var seen = Set<String>()
        return addresses.compactMap { address in
            let normalized = Self.normalize(address.address)
            guard !normalized.isEmpty, !ignored.contains(normalized), contactIDsByAddress[normalized] == nil,
                seen.insert(normalized).inserted
            else { return nil }
            return NewContact(email: address.address, name: address.displayName)
        }
    }
}
