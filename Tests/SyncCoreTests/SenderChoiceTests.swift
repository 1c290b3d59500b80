import SyncCore
import Testing

/// SPEC "Which sender sends": one test per row of the table.
@Suite struct SenderChoiceTests {
    static let connected = "anna@agency.example"

    func choose(_ kind: SenderChoice.Kind, from: String?, active: Bool = true) -> SenderChoice.Sender {
        SenderChoice.choose(
            kind: kind, fromField: from, actingUserHasActiveConnection: active, connectedAddress: Self.connected)
    }

    func reason(_ kind: SenderChoice.Kind, from: String?, active: Bool = true) -> SenderChoice.Reason {
        SenderChoice.reason(
            kind: kind, fromField: from, actingUserHasActiveConnection: active, connectedAddress: Self.connected)
    }

    @Test(arguments: [nil, "", "someone@else.example", "anna@agency.example"])
    func singleEmailByAConnectedUserGoesThroughTheMailbox(from: String?) {
        #expect(choose(.single, from: from) == .mailbox)
        #expect(reason(.single, from: from) == .singleByConnectedUser)
    }

    @Test(arguments: [
        "anna@agency.example", "Anna@Agency.EXAMPLE", "  anna@agency.example ", "Anna <ANNA@agency.example>",
    ])
    func bulkEmailFromExactlyTheConnectedAddressGoesThroughTheMailbox(from: String) {
        #expect(choose(.bulk, from: from) == .mailbox)
        #expect(reason(.bulk, from: from) == .bulkFromConnectedAddress)
    }

    @Test(arguments: [nil, "", "   "])
    func bulkEmailWithEmptyFromUsesSubAccountProvider(from: String?) {
        #expect(choose(.bulk, from: from) == .subAccountProvider)
        #expect(reason(.bulk, from: from) == .bulkWithEmptyFrom)
    }

    @Test(arguments: ["sales@agency.example", "anna@agency.example.org", "anna@agency.example, sales@agency.example"])
    func bulkEmailWithOtherFromUsesSubAccountProvider(from: String) {
        #expect(choose(.bulk, from: from) == .subAccountProvider)
        #expect(reason(.bulk, from: from) == .bulkFromOtherAddress)
    }

    @Test(arguments: [nil, "anna@agency.example"])
    func workflowEmailUsesSubAccountProvider(from: String?) {
        #expect(choose(.workflow, from: from) == .subAccountProvider)
        #expect(reason(.workflow, from: from) == .workflow)
    }

    @Test(arguments: SenderChoice.Kind.allCases)
    func anyEmailByAUserWithoutAnActiveConnectionUsesSubAccountProvider(kind: SenderChoice.Kind) {
        #expect(choose(kind, from: Self.connected, active: false) == .subAccountProvider)
        #expect(reason(kind, from: Self.connected, active: false) == .noActiveConnection)
    }

    @Test func everyReasonNamesTheSenderOfItsRow() {
        #expect(
            SenderChoice.Reason.allCases.filter { $0.sender == .mailbox } == [
                .singleByConnectedUser, .bulkFromConnectedAddress,
            ])
    }
}
