import Foundation
import Mail
import SyncCore
import Testing

/// SPEC "What syncs", rules 1-7, for messages a connection sees in its mailbox.
@Suite struct SyncRulesTests {
    let gmail = RulesFixture()

    // MARK: Rules 2 and 3: known contacts

    @Test func inboundFromAContactSyncsToTheContactsConversation() throws {
        let plan = try #require(gmail.decide(inbound(from: "Carla <Carla@Customer.example>")).plan)
        #expect(plan.direction == .inbound)
        #expect(plan.reason == .contactInbound)
        #expect(plan.contactIDs == [RulesFixture.carla])
        #expect(plan.newContacts.isEmpty)
    }

    @Test func inboundFromANonContactIsSkippedAsNotAContact() {
        #expect(gmail.decide(inbound(from: "stranger@else.example")) == .skip(.notAContact))
    }

    @Test func inboundFromANonContactCopyingAContactIsSkipped() {
        let message = inbound(from: "stranger@else.example", cc: addresses("carla@customer.example"))
        #expect(gmail.decide(message) == .skip(.notAContact))
    }

    @Test func outboundToAContactSyncs() throws {
        let plan = try #require(gmail.decide(outbound(to: addresses("dora@customer.example"))).plan)
        #expect(plan.direction == .outbound)
        #expect(plan.reason == .contactOutbound)
        #expect(plan.contactIDs == [RulesFixture.dora])
    }

    @Test func outboundToANonContactWithoutTheBCCAddressIsSkipped() {
        #expect(gmail.decide(outbound(to: addresses("new@else.example"))) == .skip(.notAContact))
    }

    @Test func oneEmailToTwoContactsJoinsBothConversations() throws {
        let message = outbound(to: addresses("carla@customer.example"), cc: addresses("dora@customer.example"))
        let plan = try #require(gmail.decide(message).plan)
        #expect(plan.contactIDs == [RulesFixture.carla, RulesFixture.dora])
    }

    // MARK: Rule 4: the BCC address

    @Test func bccAddressInBccCreatesOnlyMissingContactsAndNeverUsers() throws {
        let message = outbound(
            to: addresses("Eva Neu <Eva@New.example>", "carla@customer.example"),
            cc: addresses("bert@agency.example", "eva@new.example"),
            bcc: addresses(RulesFixture.bccAddress, "finn@new.example"))
        let plan = try #require(gmail.decide(message).plan)
        #expect(plan.reason == .bccAddress)
        #expect(
            plan.newContacts == [
                NewContact(email: "Eva@New.example", name: "Eva Neu"),
                NewContact(email: "finn@new.example", name: nil),
            ])
        #expect(plan.newContacts.allSatisfy { $0.source == .bcc })
        #expect(plan.contactIDs == [RulesFixture.carla])
    }

    @Test func bccAddressInCcCreatesContacts() throws {
        let message = outbound(to: addresses("gina@new.example"), cc: addresses("SYNC.k3v9x2@bcc.example.com"))
        let plan = try #require(gmail.decide(message).plan)
        #expect(plan.reason == .bccAddress)
        #expect(plan.newContacts.map(\.email) == ["gina@new.example"])
    }

    @Test func bccAddressToUsersOnlyCreatesNothingAndIsSkipped() {
        let message = outbound(to: addresses("bert@agency.example"), bcc: addresses(RulesFixture.bccAddress))
        #expect(gmail.decide(message) == .skip(.notAContact))
    }

    @Test func automaticBCCOnTheSentCopyCreatesNoContact() throws {
        let toStranger = outbound(
            to: addresses("gina@new.example"), bcc: addresses(RulesFixture.bccAddress), bccIsAutomatic: true)
        #expect(gmail.decide(toStranger) == .skip(.notAContact))

        let toContact = outbound(
            to: addresses("gina@new.example", "carla@customer.example"), bcc: addresses(RulesFixture.bccAddress),
            bccIsAutomatic: true)
        let plan = try #require(gmail.decide(toContact).plan)
        #expect(plan.reason == .contactOutbound)
        #expect(plan.newContacts.isEmpty)
    }

    @Test func bccAddressOnAReceivedMessageCreatesNoContact() {
        let message = inbound(from: "stranger@else.example", cc: addresses(RulesFixture.bccAddress))
        #expect(gmail.decide(message) == .skip(.notAContact))
    }

    // MARK: Rule 1 and later messages of synced threads

    @Test(arguments: [ThreadOrigin.crm, .mailbox])
    func laterMessagesOfAKnownThreadSyncEvenFromNonContacts(origin: ThreadOrigin) throws {
        var fixture = gmail
        fixture.thread = origin
        let plan = try #require(fixture.decide(inbound(from: "colleague@customer.example")).plan)
        #expect(plan.reason == (origin == .crm ? .crmThread : .syncedThread))
        #expect(plan.contactIDs.isEmpty)
    }

    @Test func bccAddressInACRMThreadStillCreatesContacts() throws {
        var fixture = gmail
        fixture.thread = .crm
        let message = outbound(to: addresses("gina@new.example"), bcc: addresses(RulesFixture.bccAddress))
        let plan = try #require(fixture.decide(message).plan)
        #expect(plan.reason == .crmThread)
        #expect(plan.newContacts.map(\.email) == ["gina@new.example"])
    }

    // MARK: Rule 5: the Outlook Labs gate

    /// A message that rules 2-4 let through, with the thread origin it needs.
    struct GatedCase: Sendable, CustomTestStringConvertible {
        var rule: String
        var message: MessageFacts
        var thread: ThreadOrigin?
        var testDescription: String { rule }
    }

    static let gatedCases = [
        GatedCase(rule: "2: inbound from a contact", message: inbound(from: "carla@customer.example")),
        GatedCase(rule: "3: outbound to a contact", message: outbound(to: addresses("carla@customer.example"))),
        GatedCase(
            rule: "4: BCC address",
            message: outbound(to: addresses("gina@new.example"), bcc: addresses(RulesFixture.bccAddress))),
        GatedCase(
            rule: "2-4: later message of a synced thread", message: inbound(from: "colleague@customer.example"),
            thread: .mailbox),
    ]

    @Test(arguments: gatedCases)
    func outlookWithoutLabsSkipsRules2To4(gated: GatedCase) {
        var outlook = RulesFixture(provider: .microsoft)
        outlook.thread = gated.thread
        #expect(outlook.decide(gated.message) == .skip(.labsDisabled))
    }

    @Test(arguments: gatedCases)
    func outlookWithLabsSyncsByRules2To4(gated: GatedCase) {
        var outlook = RulesFixture(provider: .microsoft, outlookTwoWaySync: true)
        outlook.thread = gated.thread
        #expect(outlook.decide(gated.message).plan != nil)
    }

    @Test(arguments: gatedCases)
    func gmailIsNotGatedByTheLabsFlag(gated: GatedCase) {
        var fixture = gmail
        fixture.thread = gated.thread
        #expect(!fixture.subAccount.labs.outlookTwoWaySync)
        #expect(fixture.decide(gated.message).plan != nil)
    }

    @Test func outlookWithoutLabsStillSyncsCRMThreadsButCreatesNoContacts() throws {
        var outlook = RulesFixture(provider: .microsoft)
        outlook.thread = .crm
        let plan = try #require(outlook.decide(inbound(from: "carla@customer.example")).plan)
        #expect(plan.reason == .crmThread)

        let withBCC = outbound(to: addresses("gina@new.example"), bcc: addresses(RulesFixture.bccAddress))
        let bccPlan = try #require(outlook.decide(withBCC).plan)
        #expect(bccPlan.newContacts.isEmpty)
    }

    @Test func outlookWithoutLabsExplainsANonContactAsNotAContact() {
        let outlook = RulesFixture(provider: .microsoft)
        #expect(outlook.decide(inbound(from: "stranger@else.example")) == .skip(.notAContact))
    }

    // MARK: Rule 6: users are not synced as contacts

    @Test(arguments: [nil, ThreadOrigin.crm, .mailbox])
    func messageFromAUserIsNeverSyncedInAnyThread(thread: ThreadOrigin?) {
        var fixture = gmail
        fixture.thread = thread
        #expect(fixture.decide(inbound(from: "Bert <bert@agency.example>")) == .skip(.fromUser))
    }

    @Test func messageFromAUserInsideACRMThreadIsNotSyncedOnOutlookWithLabsEither() {
        var outlook = RulesFixture(provider: .microsoft, outlookTwoWaySync: true)
        outlook.thread = .crm
        #expect(
            outlook.decide(inbound(from: "bert@agency.example", cc: addresses("carla@customer.example")))
                == .skip(.fromUser))
    }

    @Test func connectedUsersOwnOutboundMailSyncsThoughTheAddressIsAUsers() throws {
        #expect(gmail.userAddresses.contains("anna@agency.example"))
        let plan = try #require(gmail.decide(outbound(to: addresses("carla@customer.example"))).plan)
        #expect(plan.direction == .outbound)
    }

    @Test func connectedUsersLoginAddressWritingToTheMailboxIsFromAUser() {
        var fixture = gmail
        fixture.userAddresses.append("anna.login@agency.example")
        #expect(fixture.decide(inbound(from: "anna.login@agency.example")) == .skip(.fromUser))
    }

    @Test func contactThatIsAlsoAUserIsIgnoredAsARecipient() throws {
        #expect(gmail.decide(outbound(to: addresses("bert@agency.example"))) == .skip(.notAContact))

        let message = outbound(to: addresses("bert@agency.example", "carla@customer.example"))
        let plan = try #require(gmail.decide(message).plan)
        #expect(plan.contactIDs == [RulesFixture.carla])
    }

    // MARK: Direction

    @Test func aliasMakesAMessageOutbound() throws {
        var fixture = gmail
        fixture.aliases = ["Anna.Sales@Agency.example"]
        let message = outbound(
            to: addresses("carla@customer.example"), from: "anna.sales@agency.example", inSentFolder: false)
        let plan = try #require(fixture.decide(message).plan)
        #expect(plan.direction == .outbound)
        #expect(plan.reason == .contactOutbound)
    }

    @Test func withoutTheAliasTheSameMessageIsInboundFromANonContact() {
        let message = outbound(
            to: addresses("carla@customer.example"), from: "anna.sales@agency.example", inSentFolder: false)
        #expect(gmail.decide(message) == .skip(.notAContact))
    }

    @Test func sentFolderMakesAMessageOutbound() throws {
        let message = outbound(
            to: addresses("carla@customer.example"), from: "anna@private.example", inSentFolder: true)
        let plan = try #require(gmail.decide(message).plan)
        #expect(plan.direction == .outbound)
    }

    // MARK: Delivery reports

    @Test func deliveryReportIsSkippedEvenInACRMThread() {
        var fixture = gmail
        fixture.thread = .crm
        let report = MessageFacts(
            from: addresses("MAILER-DAEMON@mx.example.org"), to: addresses("anna@agency.example"),
            isDeliveryReport: true)
        #expect(fixture.decide(report) == .skip(.deliveryReport))
    }
}
