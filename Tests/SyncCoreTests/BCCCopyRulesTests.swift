import SyncCore
import Testing

/// SPEC "The BCC address receives mail" and rule 7: copies posted to the BCC endpoint.
@Suite struct BCCCopyRulesTests {
    let fixture = RulesFixture()

    /// Bert's mail to a new person and to Carla, as it reaches the BCC address (no Bcc header).
    var bertsCopy: MessageFacts {
        MessageFacts(
            from: addresses("bert@agency.example"), to: addresses("Hugo <hugo@new.example>", "carla@customer.example"))
    }

    @Test func copyOfAUserWithoutAnActiveConnectionIsLoggedAndCreatesItsRecipients() throws {
        let plan = try #require(fixture.decideBCCCopy(bertsCopy).plan)
        #expect(plan.direction == .outbound)
        #expect(plan.reason == .bccCopy)
        #expect(plan.contactIDs == [RulesFixture.carla])
        #expect(plan.newContacts == [NewContact(email: "hugo@new.example", name: "Hugo", source: .bcc)])
    }

    @Test func copyWhoseSenderHasAnActiveConnectionIsADuplicateOfTheSentCopy() {
        #expect(fixture.decideBCCCopy(bertsCopy, senderHasActiveConnection: true) == .skip(.duplicateOfSentCopy))
    }

    @Test func copyAlreadyStoredIsADuplicateOfTheSentCopy() {
        #expect(fixture.decideBCCCopy(bertsCopy, stored: true) == .skip(.duplicateOfSentCopy))
    }

    @Test func automaticBCCCopyCreatesNoContact() {
        var copy = bertsCopy
        copy.bccIsAutomatic = true
        #expect(fixture.decideBCCCopy(copy) == .skip(.automaticBCCCopy))
    }

    @Test func copyFromSomeoneWhoIsNotAUserIsSkipped() {
        let reply = MessageFacts(from: addresses("carla@customer.example"), to: addresses("bert@agency.example"))
        #expect(fixture.decideBCCCopy(reply) == .skip(.senderNotAUser))
    }

    @Test func copyToUsersOnlyIsSkipped() {
        let copy = MessageFacts(from: addresses("bert@agency.example"), to: addresses("anna@agency.example"))
        #expect(fixture.decideBCCCopy(copy) == .skip(.notAContact))
    }

    @Test func copyIsSubjectToTheAttachmentLimit() {
        var copy = bertsCopy
        copy.attachments = [attachment("a.zip", "application/zip", size: AttachmentPolicy.standard.maxBytes + 1)]
        #expect(fixture.decideBCCCopy(copy) == .skip(.attachmentTooLarge))
    }
}
