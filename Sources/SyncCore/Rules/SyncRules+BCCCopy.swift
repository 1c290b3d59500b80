extension SyncRules {
    /// The decision for a copy posted to the sub-account's BCC address (SPEC "The BCC address
    /// receives mail", rules 4 and 7).
    ///
    /// The sender's own sent copy is the one that syncs when it can: a copy already stored, or
    /// whose sender has an active connection, is a duplicate. An automatic copy creates nothing.
    /// Otherwise the copy of a user's mail is logged like rule 4: recipients who are not contacts
    /// (nor users) are created. No Labs gate applies, since no mailbox connection is involved.
    public static func decideBCCCopy(_ message: MessageFacts, in context: BCCCopyContext) -> SyncDecision {
        if context.messageAlreadyStored || context.senderHasActiveConnection { return .skip(.duplicateOfSentCopy) }
        if message.bccIsAutomatic { return .skip(.automaticBCCCopy) }
        if message.isDeliveryReport { return .skip(.deliveryReport) }
        let book = AddressBook(
            contacts: context.contacts, userAddresses: context.userAddresses,
            ignoring: [context.subAccount.bccAddress])
        guard message.from.contains(where: book.isUser) else { return .skip(.senderNotAUser) }
        let contactIDs = book.contactIDs(in: message.recipients)
        let newContacts = book.newContacts(among: message.recipients)
        guard !contactIDs.isEmpty || !newContacts.isEmpty else { return .skip(.notAContact) }
        return plan(
            direction: .outbound, reason: .bccCopy, contactIDs: contactIDs, newContacts: newContacts,
            attachments: message.attachments, policy: context.subAccount.attachmentPolicy)
    }
}
