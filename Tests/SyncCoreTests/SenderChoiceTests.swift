import SyncCore
import Testing

/// SPEC "Which sender sends": one test per row of the table.
@Suite struct SenderChoiceTests {
    static let connected = "anna@agency.example"

    func choose(_ kind: SenderChoice.Kind, from: String?, active: Bool = true) -> SenderChoice.Sender {
        SenderChoice.choose(
            kind: kind, fromField: from, actingUserHasActiveConnection: active, connectedAddress: Self.connected)
    }

    @Test(arguments: [nil, "", "someone@else.example", "anna@agency.example"])
    func singleEmailByAConnectedUserGoesThroughTheMailbox(from: String?) {
        #expect(choose(.single, from: from) == .mailbox)
    }

    @Test(arguments: [
        "anna@agency.example", "Anna@Agency.EXAMPLE", "  anna@agency.example ", "Anna <ANNA@agency.example>",
    ])
    func bulkEmailFromExactlyTheConnectedAddressGoesThroughTheMailbox(from: String) {
        #expect(choose(.bulk, from: from) == .mailbox)
    }

    @Test(arguments: [nil, "", "   "])
    func bulkEmailWithEmptyFromUsesSubAccountProvider(from: String?) {
        #expect(choose(.bulk, from: from) == .subAccountProvider)
    }

    @Test(arguments: ["sales@agency.example", "anna@agency.example.org", "anna@agency.example, sales@agency.example"])
    func bulkEmailWithOtherFromUsesSubAccountProvider(from: String) {
        #expect(choose(.bulk, from: from) == .subAccountProvider)
    }

    @Test(arguments: [nil, "anna@agency.example"])
    func workflowEmailUsesSubAccountProvider(from: String?) {
        #expect(choose(.workflow, from: from) == .subAccountProvider)
    }

    @Test(arguments: SenderChoice.Kind.allCases)
    func anyEmailByAUserWithoutAnActiveConnectionUsesSubAccountProvider(kind: SenderChoice.Kind) {
        #expect(choose(kind, from: Self.connected, active: false) == .subAccountProvider)
    }
}
